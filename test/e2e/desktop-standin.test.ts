import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PANEL_CSP } from '../../electron/server/static-panel';
import { ipcMethodChannel } from '../../shared/contract/ipc';
import { METHOD_NAMES } from '../../shared/contract/method-names';
import type { TurnoutState } from '../../shared/contract/state';
import { servedBy, tally } from '../support/backends';
import { launchStandin, ROOT, type StandinProcess } from '../support/electron-standin/launch';
import type { StandinRecord } from '../support/electron-standin/record';
import { makeTempDir } from '../support/temp-dir';

/**
 * The built desktop app (electron-vite build: main, preload, renderer), started as a whole on
 * the electron stand-in (test/support/electron-standin: plain Node, a real Chromium window).
 * What the stand-in cannot prove (OS tray, native menus, context isolation, Electron's own
 * Chromium and IPC) is left to the real Electron in .github/workflows/desktop.yml.
 *
 * An empty userData is a first run: the demo profile on its default proxy port (8800).
 */
async function call<T>(page: Page, expression: string): Promise<T> {
  // CDP's Runtime.evaluate, not page.evaluate: Playwright's evaluate eval()s in the page,
  // which the panel's CSP reports as a violation, and this suite counts violations.
  const cdp = await page.context().newCDPSession(page);
  try {
    const answer = (await cdp.send('Runtime.evaluate', { expression, awaitPromise: true, returnByValue: true })) as { result: { value?: unknown }; exceptionDetails?: { exception?: { description?: string }; text: string } };
    if (answer.exceptionDetails) throw new Error(answer.exceptionDetails.exception?.description ?? answer.exceptionDetails.text);
    return answer.result.value as T;
  } finally {
    await cdp.detach().catch(() => {});
  }
}

/** Polls get time on a busy machine (two cores shared with other suites). */
const WAIT = { timeout: 10_000 };
/** The slow answer Quit must wait for: long enough to see it in flight, shorter than the app's 5 s drain limit. */
const SLOW_MS = 3_000;

/** The real `electron-vite build` (main, preload, renderer) into `dir`, laid out as in a checkout. */
function buildInto(dir: string): void {
  const cli = path.join(ROOT, 'node_modules', 'electron-vite', 'bin', 'electron-vite.js');
  const built = spawnSync(process.execPath, [cli, 'build', '--outDir', dir, '--logLevel', 'error'], { cwd: ROOT, encoding: 'utf8', timeout: 120_000 });
  if (built.status !== 0) throw new Error(`electron-vite build failed:\n${built.stdout}\n${built.stderr}`);
  // Where the build sits in a checkout, the repo's package.json ("type": "module") and
  // node_modules (better-sqlite3, http-proxy-3) are above it.
  fs.writeFileSync(path.join(dir, 'package.json'), '{ "type": "module" }\n');
  fs.symlinkSync(path.join(ROOT, 'node_modules'), path.join(dir, 'node_modules'), 'dir');
}

const kinds = (records: StandinRecord[], kind: string) => records.filter((entry) => entry.kind === kind);

// One build for the whole file: it is the slowest step on a busy machine.
let build: ReturnType<typeof makeTempDir>;
beforeAll(() => {
  build = makeTempDir('turnout-standin-build-');
  buildInto(build.dir);
}, 150_000);
afterAll(() => build?.cleanup());

describe('the built desktop app on the electron stand-in', () => {
  let userData: ReturnType<typeof makeTempDir>;
  let app: StandinProcess;
  let page: Page;
  let proxyUrl: string;
  const weights = async () => (await call<TurnoutState>(page, 'window.turnout.getState({})')).environments.map((env) => env.weight);

  beforeAll(async () => {
    userData = makeTempDir('turnout-standin-data-');
    app = launchStandin({ buildDir: build.dir, userData: userData.dir });
    page = await app.page();
    await page.getByRole('slider').first().waitFor({ state: 'visible' });
    const state = await call<TurnoutState>(page, 'window.turnout.getState({})');
    proxyUrl = state.proxy.url;
    // The demo's load generator would share the proxy's rotation with the counted requests below.
    await call(page, 'window.turnout.demoLoad({ rps: 0 })');
  }, 90_000);

  afterAll(async () => {
    await app?.stop();
    userData?.cleanup();
  });

  it('boots from an empty userData into the demo profile, the window showing the panel over IPC, not HTTP', async () => {
    const state = await call<TurnoutState>(page, 'window.turnout.getState({})');
    expect(state.profile.name).toBe('Demo');
    expect(state.environments.map((env) => env.name)).toEqual(['blue', 'green']);
    expect(fs.existsSync(path.join(userData.dir, 'turnout.db'))).toBe(true);
    const records = await app.records();
    const [window] = kinds(records, 'BrowserWindow.new');
    expect(window?.detail).toMatchObject({ title: 'Turnout', webPreferences: { contextIsolation: true, sandbox: true, nodeIntegration: false, preload: path.join(build.dir, 'preload', 'index.cjs') } });
    // Every request the page made was for its own files; the admin API (HTTP) was never asked.
    const requested = kinds(records, 'page.request').map((entry) => (entry.detail as { url: string }).url);
    expect(requested.length).toBeGreaterThan(0);
    expect(requested.filter((url) => !url.startsWith(`file://${path.join(build.dir, 'renderer')}`))).toEqual([]);
    expect((await app.ipcInvoked())[ipcMethodChannel('getState')]).toBeGreaterThan(0);
    expect(await call(page, '[typeof window.require, typeof window.process, typeof window.turnout.setRatio]')).toEqual(['undefined', 'undefined', 'function']);
    // The stand-in came in through --import for this process only: the build knows nothing of it.
    for (const file of ['main/index.js', 'preload/index.cjs']) expect(fs.readFileSync(path.join(build.dir, file), 'utf8')).not.toMatch(/electron-standin|ELECTRON_STANDIN|__electronStandin/);
  });

  it('has a preload function and an IPC handler for every contract method, each answering over IPC', async () => {
    const handled = kinds(await app.records(), 'ipcMain.handle').map((entry) => (entry.detail as { channel: string }).channel);
    expect([...handled].sort()).toEqual(METHOD_NAMES.map(ipcMethodChannel).sort());
    expect((await call<string[]>(page, 'Object.keys(window.turnout)')).sort()).toEqual([...METHOD_NAMES, 'on'].sort());
    // Input no method accepts: every call goes page → preload → ipcMain → the contract's schema and back, changing nothing.
    const answers = await call<Record<string, string>>(
      page,
      `Promise.all(${JSON.stringify(METHOD_NAMES)}.map((name) => window.turnout[name](42).then(() => [name, 'accepted'], (error) => [name, error.message.split(' ')[0]]))).then(Object.fromEntries)`,
    );
    expect(answers).toEqual(Object.fromEntries(METHOD_NAMES.map((name) => [name, '[INVALID_INPUT]'])));
  });

  it('moves real traffic with the slider', async () => {
    const slider = page.getByLabel('Traffic ratio');
    await expect.poll(() => slider.inputValue(), WAIT).toBe('50');
    for (let i = 0; i < 30; i++) await slider.press('ArrowRight');
    await page.getByRole('button', { name: 'Apply' }).click();
    await expect.poll(weights, WAIT).toEqual([80, 20]);
    expect(tally(await servedBy(proxyUrl, 10))).toEqual({ blue: 8, green: 2 });
  });

  it('moves real traffic with a tray preset click, and the window hears of it', async () => {
    expect(await app.click('tray', 'preset:0:100')).toBe(true);
    await expect.poll(weights, WAIT).toEqual([0, 100]);
    expect(tally(await servedBy(proxyUrl, 10))).toEqual({ green: 10 });
    await expect.poll(() => page.getByLabel('Traffic ratio').inputValue(), WAIT).toBe('0');
    // The tray menu is rebuilt with the applied preset checked, debounced (tray-controller.ts):
    // the rebuild can land after the window has already heard of the change.
    const lastMenu = async () => JSON.stringify(kinds(await app.records(), 'Tray.setContextMenu').at(-1)?.detail);
    await expect.poll(lastMenu, WAIT).toContain('{"id":"preset:0:100","label":"0 … 100","type":"radio","checked":true}');
  });

  it('hands a second launch over to the first: the lock is refused, the first window comes to the front', async () => {
    const before = (await app.records()).length;
    const second = launchStandin({ buildDir: build.dir, userData: userData.dir });
    expect(await second.exited).toBe(0);
    expect(second.output()).toContain('already running');
    expect(second.output()).not.toContain('Proxy');
    let after: StandinRecord[] = [];
    await expect.poll(async () => (after = (await app.records()).slice(before)).map((entry) => entry.kind), WAIT).toContain('window.focus');
    const handed = after.findIndex((entry) => entry.kind === 'app.second-instance');
    expect(handed).toBeGreaterThanOrEqual(0);
    expect(after.slice(handed).map((entry) => entry.kind)).toEqual(expect.arrayContaining(['window.show', 'window.focus']));
    expect(kinds(after, 'BrowserWindow.new')).toEqual([]);
    expect(tally(await servedBy(proxyUrl, 2))).toEqual({ green: 2 });
  });

  it('loads the renderer under the CSP header from session.onHeadersReceived with no violation, and the CSP is enforced', async () => {
    const records = await app.records();
    const index = kinds(records, 'file.response').find((entry) => (entry.detail as { url: string }).url.endsWith('/renderer/index.html'));
    expect((index?.detail as { headers: Record<string, string> }).headers['Content-Security-Policy']).toBe(PANEL_CSP);
    expect(kinds(records, 'page.error')).toEqual([]);
    expect(kinds(records, 'page.console').filter((entry) => /CSP|Content Security Policy/.test((entry.detail as { text: string }).text))).toEqual([]);
    // The violation listener works: an inline script is refused and reported.
    expect(await call(page, `(() => { const s = document.createElement('script'); s.textContent = 'window.inlineRan = true'; document.head.append(s); return window.inlineRan === true; })()`)).toBe(false);
    await expect.poll(async () => kinds(await app.records(), 'page.console').map((entry) => (entry.detail as { text: string }).text), WAIT).toContainEqual(expect.stringContaining('CSP violation: script-src'));
  });

  it('opens the panel in the browser from the File menu, through shell.openExternal', async () => {
    expect(await app.click('application', 'open-in-browser')).toBe(true);
    const opened = kinds(await app.records(), 'shell.openExternal').map((entry) => (entry.detail as { url: string }).url);
    expect(opened).toHaveLength(1);
    expect(opened[0]).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/#token=\S+$/);
  });

  it('refuses contract calls from a page that is not the Turnout renderer, though the preload runs there too', async () => {
    // Electron's navigation guard would stop this; the sender check is the second line, checked here on its own.
    const stray = path.join(userData.dir, 'stray.html');
    fs.writeFileSync(stray, '<!doctype html><title>stray</title>');
    await page.goto(pathToFileURL(stray).href);
    expect(await call(page, 'typeof window.turnout.getState')).toBe('function');
    const answer = await call<string>(page, `window.turnout.getState({}).then(() => 'answered', (error) => error.message)`);
    expect(answer).toMatch(/^\[FORBIDDEN\] getState: refused a call from a frame that is not the Turnout window \(file:\/\/.*stray\.html\)/);
  });

  it('keeps running in the tray when the window is closed, and the tray opens a new one', async () => {
    await page.close();
    await expect.poll(async () => kinds(await app.records(), 'window.closed').length, WAIT).toBe(1);
    // window-all-closed with a tray: no quit; the proxy still answers, the window's place is kept.
    expect(tally(await servedBy(proxyUrl, 3))).toEqual({ green: 3 });
    expect(fs.existsSync(path.join(userData.dir, 'window-state.json'))).toBe(true);
    expect(await app.click('tray', 'show')).toBe(true);
    page = await app.page();
    await page.getByRole('slider').first().waitFor({ state: 'visible' });
    expect(kinds(await app.records(), 'BrowserWindow.new')).toHaveLength(2);
    expect(await weights()).toEqual([0, 100]);
  });

  it('quits from the tray only after the request in flight has its answer', async () => {
    await call(page, `window.turnout.demoFault({ environment: 'green', latencyMs: ${SLOW_MS} })`);
    const started = Date.now();
    const response = fetch(proxyUrl).then(async (answer) => ({ status: answer.status, body: await answer.text(), at: Date.now() }));
    await expect.poll(async () => (await call<TurnoutState>(page, 'window.turnout.getState({})')).environments.find((env) => env.name === 'green')?.inFlight, { timeout: SLOW_MS - 500, interval: 20 }).toBe(1);
    const quitAt = Date.now();
    expect(await app.click('tray', 'quit')).toBe(true);
    const exitCode = await app.exited;
    const answered = await response;
    expect(answered.status).toBe(200);
    expect(answered.at).toBeGreaterThan(quitAt);
    expect(answered.at - started).toBeGreaterThanOrEqual(SLOW_MS);
    expect(exitCode).toBe(0);
    // The proxy is gone with the app.
    await expect(fetch(proxyUrl)).rejects.toThrow();
  });
});

describe('the built desktop app on the electron stand-in, when its proxy port is taken', () => {
  it('shows an error box naming the port and exits with code 3, opening no window', async () => {
    // The first-run demo listens on 127.0.0.1:8800; something else has it now.
    const blocker = net.createServer();
    await new Promise<void>((resolve, reject) => {
      blocker.once('error', reject);
      blocker.listen(8800, '127.0.0.1', resolve);
    });
    const userData = makeTempDir('turnout-standin-data-');
    let app: StandinProcess | undefined;
    try {
      app = launchStandin({ buildDir: build.dir, userData: userData.dir });
      expect(await app.exited).toBe(3);
      expect(app.output()).toMatch(/\[stand-in error box\] Turnout could not start: .*127\.0\.0\.1:8800/);
      expect(app.output()).not.toContain('Ready.');
    } finally {
      await app?.stop();
      await new Promise((resolve) => blocker.close(resolve));
      userData.cleanup();
    }
  });
});
