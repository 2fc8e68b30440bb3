import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { coalesce } from '../../renderer/src/lib/coalesce';
import { selectRpsSeries } from '../../renderer/src/store/selectors';
import { METRICS_RING_SIZE } from '../../renderer/src/store/metrics-slice';
import { selectAppliedValue } from '../../renderer/src/store/selectors';
import { servedBy, tally } from '../support/backends';
import { connectStore, startLiveTurnout, until, type LiveTurnout } from './live-turnout';

describe('coalescing live events', () => {
  it('delivers the first value at once and folds a burst into one trailing call', async () => {
    const seen: number[] = [];
    const live = coalesce<number>((value) => seen.push(value), 50);
    for (let value = 1; value <= 100; value++) live.push(value);
    expect(seen).toEqual([1]);
    await new Promise((resolve) => setTimeout(resolve, 80));
    expect(seen).toEqual([1, 100]);
    live.push(101);
    live.cancel();
    await new Promise((resolve) => setTimeout(resolve, 80));
    expect(seen).toEqual([1, 100]);
  });
});

describe('store slices against a live Turnout (HTTP bridge, real sockets)', () => {
  let turnout: LiveTurnout;
  beforeAll(async () => {
    turnout = await startLiveTurnout();
  });
  afterAll(async () => {
    await turnout?.stop();
  });

  it('keeps a bounded ring of metrics samples, loaded first and then pushed once a second', async () => {
    const view = connectStore(turnout.running.adminUrl, turnout.token);
    try {
      await until(view.store, (s) => s.metricsLoaded && s.connection === 'connected');
      await servedBy(turnout.proxyUrl, 20);
      const state = await until(view.store, (s) => s.samples.some((sample) => (sample.environments.blue?.rps ?? 0) > 0), 4_000);
      const ats = state.samples.map((sample) => sample.at);
      expect([...ats].sort((a, b) => a - b)).toEqual(ats);
      expect(new Set(ats).size).toBe(ats.length);
      expect(selectRpsSeries('blue', 5)(state).length).toBeLessThanOrEqual(5);

      // The ring never grows past its size, whatever arrives.
      const last = state.samples[state.samples.length - 1]!;
      for (let i = 1; i <= METRICS_RING_SIZE + 20; i++) view.store.getState().receiveMetrics({ ...last, at: last.at + i * 1000 });
      expect(view.store.getState().samples.length).toBe(METRICS_RING_SIZE);
    } finally {
      view.disconnect();
    }
  });

  it('presets, per-environment weights, undo and routing go through the bridge and come back as state', async () => {
    const view = connectStore(turnout.running.adminUrl, turnout.token);
    const { store } = view;
    try {
      await until(store, (s) => s.connection === 'connected' && s.server !== null);
      await store.getState().applyPreset('100:0');
      expect(selectAppliedValue(store.getState())).toBe(100);
      expect(tally(await servedBy(turnout.proxyUrl, 4))).toEqual({ blue: 4 });

      expect(await store.getState().applyWeights({ blue: 20, green: 80 })).toBe(true);
      expect(selectAppliedValue(store.getState())).toBe(20);
      expect(store.getState().server!.canUndo).toBe(true);
      await store.getState().undo();
      expect(selectAppliedValue(store.getState())).toBe(100);

      await store.getState().applyPreset('no-such-preset');
      expect(store.getState().commandError?.command).toBe('preset:no-such-preset');

      await store.getState().setRouting('sticky');
      await until(store, (s) => s.server?.profile.routing === 'sticky');
      await store.getState().setRouting('round-robin');
      await until(store, (s) => s.server?.profile.routing === 'round-robin');
    } finally {
      view.disconnect();
      await turnout.cli.setRatio({ weights: { blue: 50, green: 50 } });
    }
  });

  it('loads history pages, takes pushed entries on top, and pages back', async () => {
    for (let step = 0; step < 25; step++) await turnout.cli.setRatio({ weights: { blue: step % 2 ? 40 : 60, green: step % 2 ? 60 : 40 } });
    const view = connectStore(turnout.running.adminUrl, turnout.token);
    const { store } = view;
    try {
      await until(store, (s) => s.connection === 'connected');
      await store.getState().loadHistory();
      expect(store.getState().history.length).toBe(20);
      expect(store.getState().historyNext).not.toBeNull();
      await store.getState().loadOlderHistory();
      expect(store.getState().history.length).toBeGreaterThan(20);
      const ids = store.getState().history.map((entry) => entry.id);
      expect([...ids].sort((a, b) => b - a)).toEqual(ids);

      await turnout.cli.setRatio({ weights: { blue: 10, green: 90 } });
      const state = await until(store, (s) => s.history[0]?.source === 'cli' && JSON.stringify(s.history[0].after) === '{"blue":10,"green":90}');
      expect(state.history[0]!.kind).toBe('ratio');
    } finally {
      view.disconnect();
    }
  });

  it('profiles: create, switch (traffic follows), duplicate, delete', async () => {
    const view = connectStore(turnout.running.adminUrl, turnout.token);
    const { store } = view;
    try {
      await until(store, (s) => s.connection === 'connected' && s.server !== null);
      await store.getState().refreshProfiles();
      const local = store.getState().profiles!.find((profile) => profile.active)!;
      const { profile } = await store.getState().getProfileDetail(local.name);
      await store.getState().createProfile({ ...profile, name: 'Second', environments: profile.environments.map((env, index) => ({ ...env, weight: index === 0 ? 0 : 100 })) });
      await store.getState().switchProfile('Second');
      expect(store.getState().server!.profile.name).toBe('Second');
      expect(tally(await servedBy(store.getState().server!.proxy.url, 4))).toEqual({ green: 4 });
      await store.getState().duplicateProfile('Second', 'Third');
      await store.getState().switchProfile(local.name);
      await store.getState().deleteProfile('Third');
      await until(store, (s) => (s.profiles ?? []).map((item) => item.name).sort().join() === [local.name, 'Second'].sort().join());
      await expect(store.getState().deleteProfile('nope')).rejects.toThrow();
    } finally {
      view.disconnect();
    }
  });
});
