import fs from 'node:fs';
import path from 'node:path';
import { PANEL_DIR } from '../../electron/server/static-panel';
import { createHttpClient, type FetchLike } from '../../shared/contract/http';
import type { ContractClient } from '../../shared/contract/methods';
import { startBackend, type Backend } from './backends';
import { makeTempDir } from './temp-dir';
import { startServe, type ServeProcess } from './turnout-process';

/** What a browser suite drives: `turnout serve` (the real CLI) and its backends. */
export interface ServedPanel {
  temp: ReturnType<typeof makeTempDir>;
  serve: ServeProcess;
  backends: Record<string, Backend>;
  /** For further CLI children: data (and any token file) in the temp dir, no admin address or token inherited. */
  env: NodeJS.ProcessEnv;
  /** The admin API as a typed client, with the suite's token. */
  admin(): ContractClient;
  stop(): Promise<void>;
}

/**
 * `turnout serve` as users run it, on free ports, its data in a temp dir and `token` from
 * the environment. Real backends named `backendNames` start first; `profileBackends` of them
 * (default: all) become the active profile's at 50:50. With none it is a first run: the
 * built-in demo.
 */
export async function servePanel(token: string, tempPrefix: string, backendNames: string[] = [], profileBackends = backendNames): Promise<ServedPanel> {
  if (!fs.existsSync(path.join(PANEL_DIR, 'index.html'))) throw new Error(`the panel is not built (${PANEL_DIR}): run npm run build:web first`);
  const temp = makeTempDir(tempPrefix);
  const env = { XDG_DATA_HOME: temp.dir, TURNOUT_ADMIN: '', TURNOUT_TOKEN: '' };
  const backends: Record<string, Backend> = {};
  for (const name of backendNames) backends[name] = await startBackend(name);
  const profileArgs = profileBackends.length === 0 ? [] : [...profileBackends.flatMap((name) => ['--backend', `${name}=${backends[name]!.url}`]), '--ratio', '50:50'];
  const serve = await startServe(['--db', path.join(temp.dir, 't.db'), '--listen', '127.0.0.1:0', '--admin', '127.0.0.1:0', ...profileArgs], { ...env, TURNOUT_TOKEN: token });
  return {
    temp,
    serve,
    backends,
    env,
    admin: () => createHttpClient({ baseUrl: serve.adminUrl, token, source: 'api', fetch: fetch as unknown as FetchLike }),
    async stop() {
      await serve.stop();
      for (const backend of Object.values(backends)) await backend.close();
      temp.cleanup();
    },
  };
}

/**
 * Probes every 200 ms, down after one failure, up after two good ones, for every environment
 * of the active profile: an update's verify takes well under a second instead of the default
 * interval's four.
 */
export async function useQuickProbes(admin: ContractClient): Promise<void> {
  const { profile } = await admin.getProfile({});
  const health = { intervalMs: 200, timeoutMs: 500, rise: 2, fall: 1 };
  await admin.updateProfile({ name: profile.name, profile: { ...profile, environments: profile.environments.map((env) => ({ ...env, health: { ...env.health, ...health } })) } });
}
