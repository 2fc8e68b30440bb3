import path from 'node:path';
import { _electron, type ElectronApplication } from 'playwright-core';
import { afterAll, describe, expect, it } from 'vitest';
import { startTurnout } from '../../electron/server/app';
import type { Bridge } from '../../shared/contract/methods';
import type { TurnoutState } from '../../shared/contract/state';
import { servedBy, startBackend, tally, type Backend } from '../support/backends';
import { makeTempDir } from '../support/temp-dir';
import { electronExecutable, electronUnavailableReason, ROOT } from './electron-availability';

/**
 * The real desktop app driven by Playwright's Electron support. It needs the Electron
 * binary, a display, the build (out/) and the Electron-ABI SQLite addon; where any is
 * missing the test is skipped and says which.
 */
const unavailable = electronUnavailableReason();
if (unavailable) console.info(`electron-app: skipped, ${unavailable}`);

/** The test's environment for the app, minus ELECTRON_RUN_AS_NODE (which would make Electron a plain Node). */
function launchEnv(extra: Record<string, string>): Record<string, string> {
  const env: Record<string, string> = {};
  for (const [key, value] of Object.entries(process.env)) if (value !== undefined && key !== 'ELECTRON_RUN_AS_NODE') env[key] = value;
  return { ...env, ...extra };
}

describe('the desktop app', () => {
  let app: ElectronApplication | undefined;
  const backends: Backend[] = [];
  let temp: ReturnType<typeof makeTempDir> | undefined;

  afterAll(async () => {
    await app?.close();
    for (const backend of backends) await backend.close();
    temp?.cleanup();
  });

  it.skipIf(unavailable)(unavailable ? `opens the window and moves traffic (skipped: ${unavailable})` : 'opens the window and moves traffic', async () => {
    temp = makeTempDir('turnout-electron-');
    backends.push(await startBackend('blue'), await startBackend('green'));
    // A saved profile with real backends and a free proxy port (written with Node's SQLite: same file format).
    const seed = await startTurnout({
      dbFile: path.join(temp.dir, 'turnout.db'),
      admin: '127.0.0.1:0',
      token: 'seed',
      overrides: { listen: '127.0.0.1:0', backends: backends.map((backend) => `${backend.name}=${backend.url}`), ratio: '50:50' },
    });
    await seed.stop();

    const asRoot = process.getuid?.() === 0;
    app = await _electron.launch({
      executablePath: electronExecutable()!,
      args: [ROOT, ...(asRoot ? ['--no-sandbox'] : [])],
      cwd: ROOT,
      env: launchEnv({ TURNOUT_USER_DATA: temp.dir }),
      timeout: 30_000,
    });
    const window = await app.firstWindow();
    await expect.poll(() => window.title()).toBe('Turnout');
    await window.getByRole('slider').first().waitFor({ state: 'visible' });

    // The page sees the bridge, and no Node.
    expect(await window.evaluate(() => [typeof (window as unknown as { turnout?: Bridge }).turnout?.setRatio, typeof (globalThis as { require?: unknown }).require])).toEqual(['function', 'undefined']);
    const state = await window.evaluate(() => (window as unknown as { turnout: Bridge }).turnout.setRatio({ weights: { blue: 70, green: 30 } })) as TurnoutState;
    expect(tally(await servedBy(state.proxy.url, 10))).toEqual({ blue: 7, green: 3 });
  });
});
