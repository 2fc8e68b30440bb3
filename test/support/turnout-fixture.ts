import path from 'node:path';
import { startTurnout, type RunningTurnout } from '../../electron/server/app';
import { startBackend, type Backend } from './backends';
import { makeTempDir } from './temp-dir';

/** A real Turnout (SQLite file, proxy, admin API) in this process, in front of two real backends. */
export interface TurnoutFixture {
  turnout: RunningTurnout;
  blue: Backend;
  green: Backend;
  proxyUrl: string;
  /** POSTs a contract method to the admin API with the fixture's token. */
  call(method: string, body: unknown, headers?: Record<string, string>): Promise<Response>;
  stop(): Promise<void>;
}

export async function startTurnoutFixture(options: { token: string; ratio?: string }): Promise<TurnoutFixture> {
  const temp = makeTempDir();
  const blue = await startBackend('blue');
  const green = await startBackend('green');
  const turnout = await startTurnout({
    dbFile: path.join(temp.dir, 'turnout.db'),
    admin: '127.0.0.1:0',
    token: options.token,
    overrides: { listen: '127.0.0.1:0', backends: [`blue=${blue.url}`, `green=${green.url}`], ratio: options.ratio ?? '50:50' },
  });
  const proxyUrl = (await turnout.control.getState()).proxy.url;
  return {
    turnout,
    blue,
    green,
    proxyUrl,
    call: (method, body, headers = {}) =>
      fetch(`${turnout.adminUrl}/api/v1/${method}`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${options.token}`, ...headers },
        body: typeof body === 'string' ? body : JSON.stringify(body),
      }),
    async stop() {
      await turnout.stop();
      await blue.close();
      await green.close();
      temp.cleanup();
    },
  };
}
