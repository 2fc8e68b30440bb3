import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startDesktopCore, stopDesktopCore, type DesktopCore } from '../../electron/main/core';
import { runTrayAction, type TrayActionDeps } from '../../electron/main/tray-actions';
import { startTrayController, type TrayController } from '../../electron/main/tray-controller';
import type { TrayModel } from '../../electron/main/tray-menu';
import { main as cli } from '../../electron/server/cli';
import { startTurnout } from '../../electron/server/app';
import { readRuntimeFile, RUNTIME_FILE } from '../../electron/server/runtime-file';
import type { TurnoutState } from '../../shared/contract/state';
import { servedBy, startBackend, startInFlight, tally, type Backend } from '../support/backends';
import { makeTempDir } from '../support/temp-dir';
import { startTurnoutIn } from '../support/turnout-fixture';

/**
 * The tray over the real core: a real database, proxy and backends. The only stand-in is the
 * TrayView (Electron's Tray cannot run here); the click goes through the same controller,
 * runTrayAction and dispatch as a click in the real menu.
 */
describe('tray clicks over the real core', () => {
  let temp: ReturnType<typeof makeTempDir>;
  let backends: Backend[];
  let core: DesktopCore | undefined;
  let controller: TrayController;
  let menu: { model?: TrayModel; click: (id: string) => void };
  const reported: string[] = [];
  const windowShown: number[] = [];
  let quits = 0;
  const weightsOf = (state: TurnoutState) => Object.fromEntries(state.environments.map((env) => [env.name, env.weight]));
  const control = () => core!.running.control;
  const nextState = (): Promise<TurnoutState> => new Promise((resolve) => { const off = control().events.on('state', (state) => { off(); resolve(state); }); });
  const rendered = async (check: (model: TrayModel) => boolean): Promise<TrayModel> => {
    await expect.poll(() => menu.model && check(menu.model)).toBe(true);
    return menu.model!;
  };

  beforeAll(async () => {
    temp = makeTempDir('turnout-tray-');
    // /slow answers after 400 ms: an in-flight request when the app quits.
    const slow = (name: string) => startBackend(name, (req, res) => setTimeout(() => res.end(name), req.url === '/slow' ? 400 : 0));
    backends = [await slow('blue'), await slow('green')];
    const seed = await startTurnoutIn(temp.dir, 'seed', backends.map((backend) => `${backend.name}=${backend.url}`));
    await seed.stop();
    core = await startDesktopCore({ dataDir: temp.dir, rendererDir: path.join(temp.dir, 'renderer'), admin: '127.0.0.1:0', env: {} });
    const deps: TrayActionDeps = { handlers: control(), showWindow: () => windowShown.push(1), quit: () => quits++, report: (message) => reported.push(message) };
    menu = { click: () => undefined };
    controller = startTrayController({
      view: { render: (model, click) => Object.assign(menu, { model, click }) },
      initial: await control().getState(),
      subscribe: (listener) => control().events.on('state', listener),
      run: (action) => runTrayAction(action, deps),
      debounceMs: 20,
    });
  });

  afterAll(async () => {
    controller?.stop();
    if (core) await stopDesktopCore(core, 5_000);
    for (const backend of backends ?? []) await backend.close();
    temp?.cleanup();
  });

  it('applies a preset from the tray through the contract, with source "tray", and real traffic moves', async () => {
    const proxyUrl = (await control().getState()).proxy.url;
    expect(tally(await servedBy(proxyUrl, 10))).toEqual({ blue: 5, green: 5 });
    const changed = nextState();
    menu.click('preset:0:100');
    expect(weightsOf(await changed)).toEqual({ blue: 0, green: 100 });
    expect(tally(await servedBy(proxyUrl, 10))).toEqual({ green: 10 });
    const [entry] = (await control().getHistory({ limit: 1 })).entries;
    expect(entry).toMatchObject({ source: 'tray', kind: 'ratio', action: 'preset 0:100', after: { blue: 0, green: 100 } });
    // The menu follows: the clicked preset is now the checked one.
    await rendered((model) => model.items.some((item) => item.type === 'radio' && item.id === 'preset:0:100' && item.checked));
  });

  it('reports a preset that is gone instead of failing silently, and changes nothing', async () => {
    const before = await control().getState();
    await runTrayAction({ kind: 'applyPreset', name: 'vanished' }, { handlers: control(), showWindow: () => undefined, quit: () => undefined, report: (message) => reported.push(message) });
    expect(reported.at(-1)).toMatch(/^Preset "vanished" failed: .*vanished/);
    expect(weightsOf(await control().getState())).toEqual(weightsOf(before));
  });

  it('pauses and resumes the proxy from the tray, with source "tray"', async () => {
    const proxyUrl = (await control().getState()).proxy.url;
    menu.click('pause');
    const paused = await rendered((model) => model.items.some((item) => item.type === 'normal' && item.id === 'pause' && item.label === 'Resume proxy'));
    expect(paused.tooltip).toMatch(/proxy paused/);
    expect((await control().getState()).proxy).toMatchObject({ paused: true, listening: false });
    await expect(fetch(proxyUrl)).rejects.toThrow();
    menu.click('pause');
    await rendered((model) => model.items.some((item) => item.type === 'normal' && item.id === 'pause' && item.label === 'Pause proxy'));
    expect((await fetch(proxyUrl)).status).toBe(200);
    const entries = (await control().getHistory({ limit: 2 })).entries;
    expect(entries.map((entry) => [entry.source, entry.kind, entry.action])).toEqual([['tray', 'profile', 'resume'], ['tray', 'profile', 'pause']]);
  });

  it('holds traffic from the tray: the menu counts the waiting requests, Resume answers them', async () => {
    const proxyUrl = (await control().getState()).proxy.url;
    menu.click('hold');
    await rendered((model) => model.items.some((item) => item.type === 'normal' && item.id === 'hold' && item.label === 'Holding traffic: 0 requests waiting'));
    expect((await control().getState()).pause).toMatchObject({ mode: 'hold' });
    const waiting = [fetch(proxyUrl), fetch(proxyUrl)];
    const counted = await rendered((model) => model.items.some((item) => item.type === 'normal' && item.id === 'hold' && item.label === 'Holding traffic: 2 requests waiting'));
    expect(counted.tooltip).toMatch(/traffic held: 2 requests waiting/);
    menu.click('pause');
    expect((await Promise.all(waiting)).map((response) => response.status)).toEqual([200, 200]);
    await rendered((model) => model.items.some((item) => item.type === 'normal' && item.id === 'hold' && item.label === 'Hold traffic'));
    const entries = (await control().getHistory({ limit: 2 })).entries;
    expect(entries.map((entry) => [entry.source, entry.action, (entry.after as { mode?: string }).mode ?? null])).toEqual([['tray', 'resume', null], ['tray', 'pause', 'hold']]);
  });

  it('switches profile from the tray submenu', async () => {
    const { profile } = await control().getProfile({});
    await control().createProfile({ profile: { ...profile, name: 'staging', listen: '127.0.0.1:0' } }, { source: 'window' });
    await rendered((model) => model.items.some((item) => item.type === 'submenu'));
    const switched = nextState();
    menu.click('profile:staging');
    expect((await switched).profile.name).toBe('staging');
    const [entry] = (await control().getHistory({ limit: 1 })).entries;
    expect(entry).toMatchObject({ source: 'tray', kind: 'profile', action: 'switch', after: 'staging' });
  });

  it('opens the window and quits through the deps the shell provides', async () => {
    expect(await controller.click('show')).toBe(true);
    expect(await controller.click('quit')).toBe(true);
    expect(windowShown).toHaveLength(1);
    expect(quits).toBe(1);
  });

  it('leaves a runtime file the CLI uses to find the desktop app and its token', async () => {
    expect(readRuntimeFile(temp.dir)).toEqual({ adminUrl: core!.running.adminUrl, pid: process.pid });
    const out: string[] = [];
    const err: string[] = [];
    const empty = makeTempDir('turnout-no-headless-');
    try {
      // No --admin, no token: only TURNOUT_USER_DATA (the desktop app's userData) and an empty headless data dir.
      const code = await cli(['status', '--json'], { out: (line) => out.push(line), err: (line) => err.push(line), env: { TURNOUT_USER_DATA: temp.dir, XDG_DATA_HOME: empty.dir } });
      expect(err).toEqual([]);
      expect(code).toBe(0);
      expect(JSON.parse(out.join('\n'))).toMatchObject({ profile: { name: 'staging' } });
    } finally {
      empty.cleanup();
    }
  });

  it('on quit waits for a request in flight, then removes the runtime file', async () => {
    const proxyUrl = (await control().getState()).proxy.url;
    const inFlight = (await startInFlight(`${proxyUrl}/slow`, backends)).response;
    expect(await stopDesktopCore(core!, 5_000)).toBe('stopped');
    // A quit that did not wait would have cut it: its whole answer proves the wait.
    expect(await inFlight).toEqual({ status: 200, body: expect.stringMatching(/^(blue|green)$/) });
    expect(fs.existsSync(path.join(temp.dir, RUNTIME_FILE))).toBe(false);
    core = undefined;
  });
});

describe('quitting with a request that never ends', () => {
  it('gives up after the bound instead of hanging', async () => {
    const temp = makeTempDir('turnout-quit-');
    const hanging = await startBackend('blue', () => undefined);
    const idle = await startBackend('green');
    try {
      const seed = await startTurnout({ dbFile: path.join(temp.dir, 'turnout.db'), admin: '127.0.0.1:0', token: 'seed', overrides: { listen: '127.0.0.1:0', backends: [`blue=${hanging.url}`, `green=${idle.url}`], ratio: '100:0' } });
      await seed.stop();
      const core = await startDesktopCore({ dataDir: temp.dir, rendererDir: temp.dir, admin: '127.0.0.1:0', env: {} });
      const proxyUrl = (await core.running.control.getState()).proxy.url;
      const stuck = (await startInFlight(proxyUrl, [hanging])).response.catch(() => undefined);
      const started = Date.now();
      expect(await stopDesktopCore(core, 300)).toBe('timed-out');
      expect(Date.now() - started).toBeLessThan(2_000);
      await hanging.close();
      await stuck;
    } finally {
      await hanging.close().catch(() => undefined);
      await idle.close();
      temp.cleanup();
    }
  });
});
