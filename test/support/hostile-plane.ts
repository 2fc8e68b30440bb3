import type http from 'node:http';
import type { DataPlaneOptions } from '../../electron/core/data-plane';
import { startBackend } from './backends';
import { startPlane, type RunningPlane } from './data-plane';

export interface HostilePlane {
  running: RunningPlane;
  /** "METHOD url" of every request that reached a backend: what got through must never include an attack's payload. */
  seen: string[];
  /** The worker processes at start: a crash-and-respawn would change them. */
  workerPids: number[];
  close(): Promise<void>;
}

/**
 * The hostile-input suites' proxy (hostile-input.test.ts over HTTP, tls-hostile.test.ts over
 * HTTPS): two real backends that log what reaches them, `/slow-body` streaming until the
 * client leaves, and a 1 s header timeout so slow-header attacks end within a test.
 */
export async function startHostilePlane(options: Pick<DataPlaneOptions, 'workers' | 'tls'>): Promise<HostilePlane> {
  const seen: string[] = [];
  const handler = (req: http.IncomingMessage, res: http.ServerResponse): void => {
    seen.push(`${req.method} ${req.url}`);
    if (req.url === '/slow-body') {
      res.writeHead(200, { 'content-type': 'text/plain' });
      const timer = setInterval(() => res.write('tick\n'), 20);
      res.on('close', () => clearInterval(timer));
      return;
    }
    req.resume();
    req.on('end', () => res.end('ok'));
  };
  const blue = await startBackend('blue', handler);
  const green = await startBackend('green', handler);
  const running = await startPlane(
    { environments: [
      { name: 'blue', url: blue.url, weight: 50, health: { enabled: false } },
      { name: 'green', url: green.url, weight: 50, health: { enabled: false } },
    ] },
    { headersTimeoutMs: 1000, ...options },
  );
  return {
    running,
    seen,
    workerPids: running.plane.workerPids,
    close: async () => {
      await running.plane.stop();
      await blue.close();
      await green.close();
    },
  };
}
