import { fork, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import type { DataPlaneConfig } from '../../electron/core/data-plane-config';

export interface ChildPlane {
  url: string;
  ask<T>(message: string, key: string): Promise<T>;
  stop(): Promise<void>;
}

/** Starts test/support/proxy-child.ts under tsx in a separate Node process. */
export function startChildPlane(config: DataPlaneConfig): Promise<ChildPlane> {
  const child: ChildProcess = fork(path.join(import.meta.dirname, 'proxy-child.ts'), [JSON.stringify(config)], {
    execArgv: ['--import', 'tsx'],
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  const next = <T>(key: string): Promise<T> =>
    new Promise((resolve, reject) => {
      const onMessage = (message: Record<string, unknown>): void => {
        if (!(key in message)) return;
        child.off('message', onMessage);
        child.off('exit', onExit);
        resolve(message[key] as T);
      };
      const onExit = (code: number | null): void => reject(new Error(`proxy child exited with ${code}`));
      child.on('message', onMessage);
      child.once('exit', onExit);
    });
  return next<string>('url').then((url) => ({
    url,
    ask: <T>(message: string, key: string) => {
      const answer = next<T>(key);
      child.send(message);
      return answer;
    },
    stop: () =>
      new Promise<void>((resolve) => {
        if (child.exitCode !== null) return resolve();
        const timer = setTimeout(() => child.kill('SIGKILL'), 3000);
        child.once('exit', () => {
          clearTimeout(timer);
          resolve();
        });
        child.send('stop');
      }),
  }));
}
