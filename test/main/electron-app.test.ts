import { spawnSync } from 'node:child_process';
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
// The hosted desktop workflow sets this: there a skipped suite would be a green job that tested nothing.
if (unavailable && process.env.TURNOUT_REQUIRE_ELECTRON === '1') throw new Error(`electron-app: TURNOUT_REQUIRE_ELECTRON is set, but ${unavailable}`);
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

  it.skipIf(unavailable)(unavailable ? `opens the window; slider, tray preset and second launch move or keep traffic (skipped: ${unavailable})` : 'opens the window; slider, tray preset and second launch move or keep traffic', async () => {
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
      // TURNOUT_TEST_HOOKS exposes the tray controller to app.evaluate (main process only).
      env: launchEnv({ TURNOUT_USER_DATA: temp.dir, TURNOUT_TEST_HOOKS: '1' }),
      timeout: 30_000,
    });
    const window = await app.firstWindow();
    await expect.poll(() => window.title()).toBe('Turnout');
    await window.getByRole('slider').first().waitFor({ state: 'visible' });

    // The page sees the bridge, and no Node.
    expect(await window.evaluate(() => [typeof (window as unknown as { turnout?: Bridge }).turnout?.setRatio, typeof (globalThis as { require?: unknown }).require])).toEqual(['function', 'undefined']);
    const state = await window.evaluate(() => (window as unknown as { turnout: Bridge }).turnout.setRatio({ weights: { blue: 70, green: 30 } })) as TurnoutState;
    expect(tally(await servedBy(state.proxy.url, 10))).toEqual({ blue: 7, green: 3 });
    const proxyUrl = state.proxy.url;
    const applied = () => window.evaluate(async () => (await (window as unknown as { turnout: Bridge }).turnout.getState({})).environments.map((env) => env.weight));

    // The slider, as a user moves it: keyboard steps from 70 to 80, then Apply.
    const slider = window.getByLabel('Traffic ratio');
    await expect.poll(() => slider.inputValue()).toBe('70');
    for (let i = 0; i < 10; i++) await slider.press('ArrowRight');
    await window.getByRole('button', { name: 'Apply' }).click();
    await expect.poll(applied).toEqual([80, 20]);
    expect(tally(await servedBy(proxyUrl, 10))).toEqual({ blue: 8, green: 2 });

    // A tray preset, through the same click handler the tray menu item calls.
    const clicked = await app.evaluate(async (_electron, id) => (globalThis as unknown as { turnoutTray: { click(id: string): Promise<boolean> } }).turnoutTray.click(id), 'preset:0:100');
    expect(clicked).toBe(true);
    await expect.poll(applied).toEqual([0, 100]);
    expect(tally(await servedBy(proxyUrl, 10))).toEqual({ green: 10 });
    // The window hears of it like of any change: the slider moved.
    await expect.poll(() => slider.inputValue()).toBe('0');

    // A second launch hands over to this one and leaves; the first window stays.
    const second = spawnSync(electronExecutable()!, [ROOT, ...(asRoot ? ['--no-sandbox'] : [])], { cwd: ROOT, env: launchEnv({ TURNOUT_USER_DATA: temp.dir }), encoding: 'utf8', timeout: 30_000 });
    expect(second.status).toBe(0);
    expect(second.stdout).toContain('already running');
    expect(await window.title()).toBe('Turnout');

    // Closing the window keeps Turnout (and its proxy) running in the tray.
    await window.close();
    expect(tally(await servedBy(proxyUrl, 4))).toEqual({ green: 4 });
  });
});
