import net from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PROXY_DEFAULTS } from '../../../electron/core/proxy/upstream-agents';
import { startBackend, type Backend } from '../../support/backends';
import { startPlane, type RunningPlane } from '../../support/data-plane';
import { idleKeptAlive, portOf } from '../../support/raw-http';

/** One GET on an already open connection; resolves with the status line and the Keep-Alive header. */
function getOn(socket: net.Socket): Promise<{ status: string; keepAlive: string | undefined }> {
  return new Promise((resolve, reject) => {
    let seen = '';
    const onData = (chunk: Buffer): void => {
      seen += chunk.toString('latin1');
      if (!seen.includes('\r\n\r\n')) return;
      socket.off('data', onData);
      resolve({ status: seen.slice(0, seen.indexOf('\r\n')), keepAlive: /^keep-alive: *(.*)$/im.exec(seen)?.[1]?.trim() });
    };
    socket.on('data', onData);
    socket.once('close', () => reject(new Error(`closed before an answer: ${seen}`)));
    socket.write('GET / HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n');
  });
}

/**
 * The client side's keep-alive (proxy.clientKeepAliveTimeoutMs): an idle connection stays
 * open for the client's next request longer than Node's 5 s default, and the proxy says
 * so in `Keep-Alive: timeout=N`, in Turnout's process and on worker processes. Two
 * settings run side by side, so the test takes one wait of a little over 5 s.
 */
describe('client keep-alive timeout (real sockets)', () => {
  let backend: Backend;
  const planes: { workers: number; keepAliveMs: number; running: RunningPlane }[] = [];

  beforeAll(async () => {
    backend = await startBackend('blue');
    for (const workers of [1, 2]) {
      for (const keepAliveMs of [2000, 8000]) {
        const running = await startPlane({ proxy: { clientKeepAliveTimeoutMs: keepAliveMs }, environments: [{ name: 'blue', url: backend.url, weight: 100, health: { enabled: false } }] }, { workers });
        planes.push({ workers, keepAliveMs, running });
      }
    }
  });

  afterAll(async () => {
    for (const { running } of planes) await running.plane.stop();
    await backend.close();
  });

  it('defaults to 75 s, as nginx does, and says so to the client', async () => {
    expect(PROXY_DEFAULTS.clientKeepAliveTimeoutMs).toBe(75_000);
    const running = await startPlane({ environments: [{ name: 'blue', url: backend.url, weight: 100, health: { enabled: false } }] });
    try {
      const socket = net.connect(portOf(running.url), '127.0.0.1');
      await new Promise((resolve) => socket.once('connect', resolve));
      expect(await getOn(socket)).toEqual({ status: 'HTTP/1.1 200 OK', keepAlive: 'timeout=75' });
      socket.destroy();
    } finally {
      await running.plane.stop();
    }
  });

  it('keeps an idle connection past the 5 s Node defaults to for a longer setting, and closes it after a shorter one', async () => {
    const started = Date.now();
    const connections = await Promise.all(
      planes.map(async (plane) => {
        const { socket, closed } = await idleKeptAlive(plane.running.url);
        let closedAfter: number | undefined;
        void closed.then(() => (closedAfter = Date.now() - started));
        return { ...plane, socket, closedAt: () => closedAfter };
      }),
    );
    // Past Node's default (5 s, plus its 1 s grace): a connection it kept would be gone.
    await new Promise((resolve) => setTimeout(resolve, 6_500));
    for (const connection of connections) {
      const label = `${connection.workers} process(es), ${connection.keepAliveMs} ms`;
      if (connection.keepAliveMs === 8000) {
        expect(connection.closedAt(), label).toBeUndefined();
        expect(await getOn(connection.socket), label).toEqual({ status: 'HTTP/1.1 200 OK', keepAlive: 'timeout=8' });
      } else {
        // Closed by the proxy, and not before the setting (a timer never fires early).
        expect(connection.closedAt(), label).toBeGreaterThanOrEqual(2000);
      }
      connection.socket.destroy();
    }
  }, 20_000);
});
