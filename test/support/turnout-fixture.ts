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

/**
 * A real Turnout in this process (as `turnout serve` composes it): its database in `dir`,
 * admin API and proxy on free loopback ports, the active profile in front of `backends`
 * ("name=url"; the URLs need not answer when a test only looks at what is stored).
 */
export function startTurnoutIn(dir: string, token: string, backends: string[], ratio = '50:50'): Promise<RunningTurnout> {
  return startTurnout({
    dbFile: path.join(dir, 'turnout.db'),
    admin: '127.0.0.1:0',
    token,
    overrides: { listen: '127.0.0.1:0', backends, ratio },
  });
}

export async function startTurnoutFixture(options: { token: string; ratio?: string }): Promise<TurnoutFixture> {
  const temp = makeTempDir();
  const blue = await startBackend('blue');
  const green = await startBackend('green');
  const turnout = await startTurnoutIn(temp.dir, options.token, [`blue=${blue.url}`, `green=${green.url}`], options.ratio);
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
