import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import {
  selectAppliedValue,
  selectCanApply,
  selectIsPending,
  selectPair,
  selectProxyPaused,
  selectSliderValue,
} from '../../renderer/src/store/selectors';
import type { TurnoutStore } from '../../renderer/src/store/turnout-store';
import { servedBy, tally } from '../support/backends';
import { connectStore, startLiveTurnout, until, type ConnectedStore, type LiveTurnout } from './live-turnout';

const weightsOf = (state: TurnoutStore) => Object.fromEntries(state.server!.environments.map((env) => [env.name, env.weight]));
const applied = (value: number) => (state: TurnoutStore) => selectAppliedValue(state) === value;

describe('renderer store against a live Turnout (HTTP bridge, real sockets)', () => {
  let turnout: LiveTurnout;
  let view: ConnectedStore | undefined;

  beforeAll(async () => {
    turnout = await startLiveTurnout();
  });
  afterEach(async () => {
    view?.disconnect();
    view = undefined;
    // Each test starts from 50/50.
    await turnout.cli.setRatio({ weights: { blue: 50, green: 50 } });
  });
  afterAll(async () => {
    await turnout?.stop();
  });

  async function connected(): Promise<ConnectedStore> {
    view = connectStore(turnout.running.adminUrl, turnout.token);
    await until(view.store, (s) => s.connection === 'connected' && applied(50)(s));
    return view;
  }

  it('follows the source of truth: first snapshot, environments, proxy address', async () => {
    const { store } = await connected();
    const state = store.getState();
    expect(selectPair(state)).toEqual(['blue', 'green']);
    expect(weightsOf(state)).toEqual({ blue: 50, green: 50 });
    expect(state.server!.proxy.url).toBe(turnout.proxyUrl);
    expect(state.draft).toBeNull();
    expect(selectCanApply(state)).toBe(false);
  });

  it('drops snapshots older than the one it holds, but resyncs after a reconnect', async () => {
    const { store } = await connected();
    const current = store.getState().server!;
    const stale = { ...current, revision: current.revision - 1, environments: current.environments.map((env) => ({ ...env, weight: 0 })) };
    expect(store.getState().receiveState(stale)).toBe(false);
    expect(store.getState().server).toBe(current);

    // A Turnout that restarted counts revisions from the start again.
    store.getState().setConnection('disconnected', 'gone');
    expect(store.getState().receiveState(stale)).toBe(true);
    expect(store.getState().server!.revision).toBe(current.revision - 1);
  });

  it('a draft changes nothing until Apply; then the proxy follows it exactly', async () => {
    const { store } = await connected();
    store.getState().setDraft(80);
    expect(selectSliderValue(store.getState())).toBe(80);
    expect(selectIsPending(store.getState())).toBe(true);
    expect(selectCanApply(store.getState())).toBe(true);

    expect(weightsOf({ server: await turnout.cli.getState({}) } as TurnoutStore)).toEqual({ blue: 50, green: 50 });
    expect(tally(await servedBy(turnout.proxyUrl, 10))).toEqual({ blue: 5, green: 5 });

    await store.getState().applyDraft();
    const state = store.getState();
    expect(state.applyError).toBeNull();
    expect(state.draft).toBeNull();
    expect(weightsOf(state)).toEqual({ blue: 80, green: 20 });
    expect(selectIsPending(state)).toBe(false);
    expect(tally(await servedBy(turnout.proxyUrl, 10))).toEqual({ blue: 8, green: 2 });
  });

  it('moving the draft back onto the applied ratio follows the applied ratio again', async () => {
    const { store } = await connected();
    store.getState().setDraft(64);
    expect(store.getState().draft).toBe(64);
    store.getState().setDraft(50);
    expect(store.getState().draft).toBeNull();
    store.getState().setDraft(130.4);
    expect(store.getState().draft).toBe(100);
    store.getState().resetDraft();
    expect(selectSliderValue(store.getState())).toBe(50);
  });

  it('a change from elsewhere updates the applied figures and keeps a pending draft', async () => {
    const { store } = await connected();
    store.getState().setDraft(60);
    await turnout.cli.setRatio({ weights: { blue: 30, green: 70 } });
    const state = await until(store, applied(30));
    expect(state.draft).toBe(60);
    expect(selectIsPending(state)).toBe(true);

    // When the outside change makes the draft come true, nothing is pending any more.
    await turnout.cli.setRatio({ weights: { blue: 60, green: 40 } });
    const later = await until(store, applied(60));
    expect(later.draft).toBeNull();
  });

  it('pauses and resumes the proxy (the header toggle), following the state', async () => {
    const { store } = await connected();
    await store.getState().setPaused(true);
    await until(store, (s) => s.server!.proxy.paused && !s.server!.proxy.listening);
    expect(selectProxyPaused(store.getState())).toBe(true);
    await expect(fetch(turnout.proxyUrl)).rejects.toThrow();
    await store.getState().setPaused(false);
    await until(store, (s) => !s.server!.proxy.paused && s.server!.proxy.listening);
    expect(store.getState().commandError).toBeNull();
    expect(tally(await servedBy(turnout.proxyUrl, 4))).toEqual({ blue: 2, green: 2 });
  });

  it('holds from the header: the proxy keeps listening and the state says how many wait', async () => {
    const { store } = await connected();
    await store.getState().setPaused(true, 'hold');
    await until(store, (s) => s.server!.pause?.mode === 'hold' && s.server!.proxy.listening);
    const waiting = fetch(turnout.proxyUrl);
    await until(store, (s) => s.server!.pause?.held === 1);
    await store.getState().setPaused(false);
    expect((await waiting).status).toBe(200);
    await until(store, (s) => s.server!.pause === null && !s.server!.proxy.paused);
  });

  it('a wrong token reads as unauthorized and shows no state', async () => {
    view = connectStore(turnout.running.adminUrl, 'not-the-token');
    const state = await until(view.store, (s) => s.connection === 'unauthorized');
    expect(state.server).toBeNull();
  });
});

describe('renderer store when Turnout goes away', () => {
  it('reports the lost connection and keeps the Apply error for the view', async () => {
    const turnout = await startLiveTurnout();
    const view = connectStore(turnout.running.adminUrl, turnout.token);
    try {
      await until(view.store, (s) => s.connection === 'connected' && s.server !== null);
      view.store.getState().setDraft(90);
      await turnout.stop();
      await until(view.store, (s) => s.connection === 'disconnected');
      expect(selectCanApply(view.store.getState())).toBe(false);

      // Apply is disabled in the view while disconnected; the action still reports a failure in words.
      await view.store.getState().applyDraft();
      const state = view.store.getState();
      expect(state.applyError).toMatch(/fetch failed|ECONNREFUSED/);
      expect(state.draft).toBe(90);
      expect(state.applying).toBe(false);
    } finally {
      view.disconnect();
    }
  });
});
