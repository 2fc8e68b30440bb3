import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { forwardEvents, registerContractHandlers, type IpcInvokeEventLike, type IpcMainLike } from '../../electron/main/ipc-handlers';
import { createPreloadApi } from '../../electron/preload/api';
import type { ControlService } from '../../electron/core/control';
import { createIpcBridge } from '../../renderer/src/bridge/ipc-bridge';
import { selectAppliedValue } from '../../renderer/src/store/selectors';
import { createTurnoutStore } from '../../renderer/src/store/turnout-store';
import { servedBy, tally } from '../support/backends';
import { startLiveTurnout, until, type LiveTurnout } from './live-turnout';

/**
 * The IPC path without Electron: the real main-process handlers and the real preload api,
 * joined by a channel map that copies every payload the way IPC does (structured clone).
 */
function ipcLink(control: ControlService, trusted: boolean) {
  const handlers = new Map<string, (event: IpcInvokeEventLike, ...args: unknown[]) => unknown>();
  const ipcMain: IpcMainLike = { handle: (channel, listener) => void handlers.set(channel, listener), removeHandler: (channel) => void handlers.delete(channel) };
  const removeHandlers = registerContractHandlers(ipcMain, control, () => trusted);
  const listeners = new Map<string, Set<(payload: unknown) => void>>();
  const stopForwarding = forwardEvents(
    (event, listener) => control.events.on(event, listener),
    (channel, payload) => listeners.get(channel)?.forEach((listener) => listener(structuredClone(payload))),
  );
  const api = createPreloadApi(
    async (channel, input) => structuredClone(await handlers.get(channel)!({ senderFrame: { url: 'file:///index.html' } }, structuredClone(input))),
    (channel, listener) => {
      const set = listeners.get(channel) ?? new Set();
      listeners.set(channel, set);
      set.add(listener);
      return () => void set.delete(listener);
    },
  );
  return {
    bridge: createIpcBridge(api),
    close() {
      stopForwarding();
      removeHandlers();
    },
  };
}

describe('renderer store over the IPC bridge (real handlers, real preload api, real core)', () => {
  let turnout: LiveTurnout;
  beforeAll(async () => {
    turnout = await startLiveTurnout();
  });
  afterAll(async () => {
    await turnout?.stop();
  });

  it('loads, applies a draft, and follows changes from elsewhere', async () => {
    const link = ipcLink(turnout.running.control, true);
    const store = createTurnoutStore(link.bridge);
    const disconnect = store.getState().connect();
    try {
      await until(store, (s) => s.connection === 'connected' && selectAppliedValue(s) === 50);
      store.getState().setDraft(70);
      await store.getState().applyDraft();
      expect(store.getState().applyError).toBeNull();
      expect(selectAppliedValue(store.getState())).toBe(70);
      expect(tally(await servedBy(turnout.proxyUrl, 10))).toEqual({ blue: 7, green: 3 });

      await turnout.cli.setRatio({ weights: { blue: 20, green: 80 } });
      await until(store, (s) => selectAppliedValue(s) === 20);
    } finally {
      disconnect();
      link.close();
    }
  });

  it('turns a refused call back into its message, without the code prefix', async () => {
    const link = ipcLink(turnout.running.control, false);
    const store = createTurnoutStore(link.bridge);
    const disconnect = store.getState().connect();
    try {
      const state = await until(store, (s) => s.connection === 'disconnected');
      expect(state.connectionDetail).toMatch(/^Could not load the state: getState: refused a call from a frame/);
      await expect(link.bridge.setRatio({ weights: { blue: 50, green: 50 } })).rejects.toMatchObject({ name: 'ContractError', code: 'FORBIDDEN' });
    } finally {
      disconnect();
      link.close();
    }
  });
});
