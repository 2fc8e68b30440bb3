import { EventEmitter } from 'node:events';
import net from 'node:net';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { describeStartupError, startDesktopCore, type DesktopCore } from '../../electron/main/core';
import { forwardEvents, registerContractHandlers, type IpcInvokeEventLike, type IpcMainLike } from '../../electron/main/ipc-handlers';
import { createSenderCheck } from '../../electron/main/trust';
import { BridgeError, createPreloadApi } from '../../electron/preload/api';
import { ipcEventChannel, ipcMethodChannel, type IpcResult } from '../../shared/contract/ipc';
import { EVENT_NAMES, METHOD_NAMES } from '../../shared/contract/methods';
import type { TurnoutState } from '../../shared/contract/state';
import { servedBy, startBackend, tally, type Backend } from '../support/backends';
import { makeTempDir } from '../support/temp-dir';
import { startTurnoutIn } from '../support/turnout-fixture';

/**
 * The contract over IPC, with the real core behind it: a real database file, the real proxy
 * and admin listeners, real HTTP backends. The one stand-in is RecordingIpcMain in place of
 * Electron's ipcMain, because the Electron binary cannot run where these tests run (and
 * importing the electron package in Node would try to download it). It is called the way
 * Electron calls handlers: (event, ...args), with the sending frame's URL on the event.
 */
class RecordingIpcMain implements IpcMainLike {
  readonly handlers = new Map<string, (event: IpcInvokeEventLike, ...args: unknown[]) => unknown>();

  handle(channel: string, listener: (event: IpcInvokeEventLike, ...args: unknown[]) => unknown): void {
    if (this.handlers.has(channel)) throw new Error(`Attempted to register a second handler for '${channel}'`);
    this.handlers.set(channel, listener);
  }

  removeHandler(channel: string): void {
    this.handlers.delete(channel);
  }

  /** Like ipcRenderer.invoke from a frame at `frameUrl`; the result is structured-cloned, as IPC does. */
  async invoke(channel: string, frameUrl: string | null, ...args: unknown[]): Promise<unknown> {
    const handler = this.handlers.get(channel);
    if (!handler) throw new Error(`No handler registered for '${channel}'`);
    return structuredClone(await handler({ senderFrame: frameUrl === null ? null : { url: frameUrl } }, ...args));
  }
}

describe('IPC handlers over the real core', () => {
  let temp: ReturnType<typeof makeTempDir>;
  let blue: Backend;
  let green: Backend;
  let blocker: net.Server;
  let blockedAdmin: string;
  let core: DesktopCore;
  let ipc: RecordingIpcMain;
  let unregister: () => void;
  let proxyUrl: string;
  const logged: string[] = [];
  const rendererDir = () => path.join(temp.dir, 'app', 'out', 'renderer');
  const appPage = () => `file://${rendererDir()}/index.html`;

  const call = async (method: string, input: unknown, frameUrl: string | null = appPage()): Promise<IpcResult<TurnoutState>> =>
    (await ipc.invoke(ipcMethodChannel(method as 'getState'), frameUrl, input)) as IpcResult<TurnoutState>;
  const weightsOf = (state: TurnoutState) => Object.fromEntries(state.environments.map((env) => [env.name, env.weight]));

  beforeAll(async () => {
    temp = makeTempDir('turnout-main-');
    blue = await startBackend('blue');
    green = await startBackend('green');
    // The profile a user would have saved: two real backends, the proxy on a free port.
    const seed = await startTurnoutIn(temp.dir, 'seed', [`blue=${blue.url}`, `green=${green.url}`]);
    await seed.stop();
    // Something else (say, a `turnout serve`) already holds the admin port.
    blocker = net.createServer();
    await new Promise<void>((resolve) => blocker.listen(0, '127.0.0.1', resolve));
    blockedAdmin = `127.0.0.1:${(blocker.address() as net.AddressInfo).port}`;
    core = await startDesktopCore({ dataDir: temp.dir, rendererDir: rendererDir(), admin: blockedAdmin, env: {}, log: (line) => logged.push(line) });
    ipc = new RecordingIpcMain();
    unregister = registerContractHandlers(ipc, core.running.control, createSenderCheck({ rendererDir: rendererDir() }));
    proxyUrl = (await core.running.control.getState()).proxy.url;
  });

  afterAll(async () => {
    unregister?.();
    await core?.running.stop();
    await new Promise((resolve) => blocker?.close(resolve));
    await blue?.close();
    await green?.close();
    temp?.cleanup();
  });

  it('starts the desktop core on a free admin port when the usual one is taken', () => {
    expect(core.running.adminUrl).not.toBe(`http://${blockedAdmin}`);
    expect(core.running.adminUrl).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    expect(logged.join('\n')).toContain(`Admin ${blockedAdmin} is in use`);
    expect(core.dbFile).toBe(path.join(temp.dir, 'turnout.db'));
    expect(core.token).toMatch(/^[\w-]{20,}$/);
  });

  it('has an IPC handler and a preload function for every contract method', () => {
    expect([...ipc.handlers.keys()].sort()).toEqual(METHOD_NAMES.map(ipcMethodChannel).sort());
    const api = createPreloadApi(async () => ({ ok: true, value: null }), () => () => undefined) as unknown as Record<string, unknown>;
    for (const method of METHOD_NAMES) expect(typeof api[method], method).toBe('function');
    expect(typeof api.on).toBe('function');
  });

  it('answers getState with a plain, cloneable snapshot', async () => {
    const result = await call('getState', {});
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.value.proxy.url).toBe(proxyUrl);
    expect(weightsOf(result.value)).toEqual({ blue: 50, green: 50 });
  });

  it.each([
    ['weights that do not sum to 100', { weights: { blue: 70, green: 20 } }],
    ['an unknown environment', { weights: { blue: 50, purple: 50 } }],
    ['a weight out of range', { weights: { blue: 150, green: -50 } }],
    ['a fractional weight', { weights: { blue: 50.5, green: 49.5 } }],
    ['an extra field', { weights: { blue: 70, green: 30 }, force: true }],
    ['no weights at all', 'seventy-thirty'],
  ])('refuses setRatio with %s as INVALID_INPUT and changes nothing', async (_label, input) => {
    const before = await call('getState', {});
    const result = await call('setRatio', input);
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.error.code).toBe('INVALID_INPUT');
    expect(result.error.message).toMatch(/\S/);
    const after = await call('getState', {});
    expect(after).toEqual(before);
    expect(tally(await servedBy(proxyUrl, 10))).toEqual({ blue: 5, green: 5 });
  });

  it('moves real traffic when setRatio is valid', async () => {
    const result = await call('setRatio', { weights: { blue: 70, green: 30 } });
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(weightsOf(result.value)).toEqual({ blue: 70, green: 30 });
    expect(tally(await servedBy(proxyUrl, 10))).toEqual({ blue: 7, green: 3 });
    await call('setRatio', { weights: { blue: 50, green: 50 } });
  });

  it.each([
    ['a web page', 'https://evil.example/index.html'],
    ['another local file', 'file:///tmp/elsewhere/index.html'],
    ['a file next to the renderer', 'file:///__RENDERER__/../evil.html'],
    ['a dev-server look-alike', 'http://localhost:5173/'],
    ['a frame that is gone', null],
  ])('refuses a call from %s and changes nothing', async (_label, frame) => {
    const frameUrl = frame?.replace('/__RENDERER__', rendererDir()) ?? null;
    const before = await call('getState', {});
    const result = await call('setRatio', { weights: { blue: 0, green: 100 } }, frameUrl);
    expect(result).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    expect(await call('getState', {})).toEqual(before);
  });

  it('serves the window through the preload api, events included', async () => {
    const windows = new EventEmitter();
    const stopForwarding = forwardEvents(
      (event, listener) => core.running.control.events.on(event, listener),
      (channel, payload) => windows.emit(channel, structuredClone(payload)),
    );
    const api = createPreloadApi(
      (channel, input) => ipc.invoke(channel, appPage(), input),
      (channel, listener) => {
        windows.on(channel, listener);
        return () => windows.off(channel, listener);
      },
    );
    const seen: TurnoutState[] = [];
    const unsubscribe = api.on('state', (state) => seen.push(state));
    try {
      const state = await api.setRatio({ weights: { blue: 20, green: 80 } });
      expect(weightsOf(state)).toEqual({ blue: 20, green: 80 });
      expect(seen.at(-1) && weightsOf(seen.at(-1)!)).toEqual({ blue: 20, green: 80 });
      expect(tally(await servedBy(proxyUrl, 10))).toEqual({ blue: 2, green: 8 });

      const error = await api.setRatio({ weights: { blue: 1, green: 1 } }).catch((caught: unknown) => caught);
      expect(error).toBeInstanceOf(BridgeError);
      expect(error).toMatchObject({ code: 'INVALID_INPUT' });
      // Only the message survives the contextBridge, so the code leads it.
      expect((error as Error).message).toMatch(/^\[INVALID_INPUT\] /);
      expect(() => api.on('nonsense' as 'state', () => undefined)).toThrow(/unknown event "nonsense"/);
    } finally {
      unsubscribe();
      stopForwarding();
      await api.setRatio({ weights: { blue: 50, green: 50 } });
    }
    expect(windows.eventNames()).toEqual([]);
    expect(EVENT_NAMES.map(ipcEventChannel)).toContain('turnout:event:state');
  });

  it('removes every handler again', () => {
    const other = new RecordingIpcMain();
    const remove = registerContractHandlers(other, core.running.control, () => true);
    expect(other.handlers.size).toBe(METHOD_NAMES.length);
    remove();
    expect(other.handlers.size).toBe(0);
  });
});

describe('desktop startup errors', () => {
  it('explains an addon built for the wrong ABI', () => {
    const error = new Error("The module '/x/better_sqlite3.node' was compiled against a different Node.js version using NODE_MODULE_VERSION 115.");
    expect(describeStartupError(error)).toContain('scripts/electron-native.mjs');
    expect(describeStartupError(new Error('127.0.0.1:8800 is already in use'))).toBe('127.0.0.1:8800 is already in use');
  });
});
