import { describe, expect, it } from 'vitest';
import { startFlow, step } from '../../../electron/core/flow/machine';
import { resumeFlow } from '../../../electron/core/flow/resume';
import type { FlowConfig, FlowEffect, FlowEvent, FlowState, Observation } from '../../../electron/core/flow/plan';
import type { MetricsSample, EnvironmentMetrics } from '../../../shared/contract/metrics';
import { DRAIN_DEFAULTS, rampPlanSchema } from '../../../shared/domain/update-plan';

const env = (name: string, extra: Partial<FlowConfig['environments'][number]> = {}) => ({ name, rise: 2, healthEnabled: true, command: null, ...extra });
const config = (extra: Partial<FlowConfig> = {}): FlowConfig => ({
  first: 'blue',
  plan: 'blue-green',
  environments: [env('blue'), env('green')],
  smoke: null,
  drain: DRAIN_DEFAULTS,
  sticky: false,
  verifyTimeoutMs: 10_000,
  ...extra,
});
const obs = (extra: Partial<Observation> = {}): Observation => ({ drained: false, health: 'up', lastProbe: null, inFlight: 0, openWebSockets: 0, openStreams: 0, ...extra });
const observe = (now: number, blue: Partial<Observation>, green: Partial<Observation> = {}): FlowEvent => ({ type: 'observe', now, environments: { blue: obs(blue), green: obs(green) } });
const probe = (at: number, ok = true) => ({ lastProbe: { at, ok } });

/** Runs events in order, collecting every effect; throws if an event is refused. */
function run(state: FlowState, events: FlowEvent[]): { state: FlowState; effects: FlowEffect[] } {
  const effects: FlowEffect[] = [];
  for (const event of events) {
    const next = step(state, event);
    if (next.error) throw new Error(next.error);
    effects.push(...next.effects);
    state = next.state;
  }
  return { state, effects };
}
const ratios = (effects: FlowEffect[]) => effects.flatMap((e) => (e.type === 'set-ratio' ? [e.weights] : []));
const actions = (effects: FlowEffect[]) => effects.flatMap((e) => (e.type === 'record' ? [e.action] : []));
const waiting = (state: FlowState) => state.view.waitingFor?.kind ?? state.view.status;

/** The events of one environment's drain → update (by hand) → verify, starting at `t`. */
const cycle = (name: 'blue' | 'green', t: number): FlowEvent[] => {
  const other = name === 'blue' ? 'green' : 'blue';
  const at = (o: Partial<Observation>) => ({ type: 'observe' as const, now: t, environments: { [name]: obs(o), [other]: obs() } });
  return [
    at({ drained: true }),
    { type: 'next', now: t + 1, source: 'cli', manual: false },
    { ...at({ ...probe(t + 2), health: 'up' }), now: t + 2 },
    { ...at({ ...probe(t + 3), health: 'up' }), now: t + 3 },
  ];
};

describe('update flow step machine', () => {
  const start = (extra: Partial<FlowConfig> = {}, weights = { blue: 70, green: 30 }) => startFlow(config(extra), 1000, weights, weights, 'window');

  it('walks blue-green from 70 … 30 back to 70 … 30 through every step', () => {
    const begun = start();
    expect(ratios(begun.effects)).toEqual([{ blue: 0, green: 100 }]);
    expect(waiting(begun.state)).toBe('drained');
    const { state, effects } = run(begun.state, [...cycle('blue', 2000), ...cycle('green', 3000)]);
    expect(ratios(effects)).toEqual([{ blue: 100, green: 0 }, { blue: 70, green: 30 }]);
    expect(state.view.status).toBe('done');
    expect(state.view.steps.map((s) => `${s.kind}:${s.state}`)).toEqual([
      'drain:done', 'update:done', 'verify:done', 'swap:done', 'drain:done', 'update:done', 'verify:done', 'restore:done',
    ]);
    expect(actions(effects)).toEqual(['drain blue', 'update blue', 'verify blue', 'swap', 'drain green', 'update green', 'verify green', 'restore', 'done']);
    expect([...begun.effects, ...effects].filter((e) => e.type === 'set-restore')).toEqual([{ type: 'set-restore', weights: { blue: 70, green: 30 } }, { type: 'set-restore', weights: null }]);
  });

  it('any environment can go first, and a third one shares the drained one\'s traffic', () => {
    const three = config({ first: 'green', environments: [env('blue'), env('green'), env('red')] });
    const { state, effects } = startFlow(three, 0, { blue: 50, green: 20, red: 30 }, { blue: 50, green: 20, red: 30 }, 'cli');
    expect(ratios(effects)).toEqual([{ blue: 63, green: 0, red: 37 }]);
    expect(state.view.steps.map((s) => s.label)).toEqual([
      'Drain green', 'Update green', 'Verify green', 'Swap: all traffic to green', 'Drain blue', 'Update blue', 'Verify blue', 'Drain red', 'Update red', 'Verify red', 'Restore the original ratio',
    ]);
  });

  it.each([
    ['while draining: back to the original, nothing left to restore', 0, { blue: 70, green: 30 }, true],
    ['while updating: the updated side stays at 0', 2, { blue: 0, green: 100 }, false],
    ['after the swap: the updated side keeps everything', 5, { blue: 100, green: 0 }, false],
  ] as const)('abort %s', (_label, eventsBefore, safe, clearsRestore) => {
    const events = [...cycle('blue', 2000), ...cycle('green', 3000)].slice(0, eventsBefore);
    const { state } = run(start().state, events);
    const aborted = step(state, { type: 'abort', now: 9000, source: 'tray' });
    expect(aborted.state.view.status).toBe('aborted');
    expect(aborted.state.view.safeWeights).toEqual(safe);
    expect(aborted.state.weights).toEqual(safe);
    expect(aborted.effects.some((e) => e.type === 'set-restore' && e.weights === null)).toBe(clearsRestore);
    expect(actions(aborted.effects)).toEqual(['aborted']);
    expect(step(aborted.state, { type: 'abort', now: 9001, source: 'tray' }).error).toBe('no update is running');
  });

  it('verify needs `rise` good probes after the update: an old probe or a failure in between does not count', () => {
    const { state } = run(start().state, cycle('blue', 2000).slice(0, 2));
    const steps = run(state, [
      observe(2100, { health: 'up', ...probe(1500) }),
      observe(2200, { health: 'up', ...probe(2150) }),
      observe(2300, { health: 'down', ...probe(2250, false) }),
      observe(2400, { health: 'up', ...probe(2350) }),
    ]);
    expect(waiting(steps.state)).toBe('health');
    expect(steps.state.view.waitingFor!.message).toContain('1 of 2 good probes');
    expect(waiting(step(steps.state, observe(2500, { health: 'up', ...probe(2450) })).state)).toBe('drained');
  });

  it('fails at the safe ratio when verify times out', () => {
    const { state } = run(start().state, cycle('blue', 2000).slice(0, 2));
    const failed = step(state, observe(2001 + 10_000, { health: 'down' }));
    expect(failed.state.view.status).toBe('failed');
    expect(failed.state.view.reason).toMatch(/blue did not pass verify in time \(health down/);
    expect(failed.state.weights).toEqual({ blue: 0, green: 100 });
  });

  it('ends each kind of client on schedule: sticky sessions, then WebSockets and streams, then the rest; done only once drained', () => {
    const begun = start({ sticky: true, drain: { sessionWindowMs: 2000, graceMs: 5000, deadlineMs: 9000 } });
    expect(begun.effects).toContainEqual({ type: 'update-drain', env: 'blue', step: 'begin' });
    expect(waiting(begun.state)).toBe('drained');
    expect(begun.state.view.waitingFor!.until).toBe(10_000);
    const drainSteps = (effects: FlowEffect[]) => effects.flatMap((e) => (e.type === 'update-drain' ? [e.step] : []));
    const held = step(begun.state, observe(2000, { openWebSockets: 2, inFlight: 3, openStreams: 1 }));
    expect(drainSteps(held.effects)).toEqual([]);
    expect(held.state.view.waitingFor!.message).toBe(
      "blue: 3 requests in flight (1 event stream), 2 WebSockets open; sticky clients move in 1 s; WebSockets and streams close in 4 s; the rest is cut in 8 s ('update next' finishes now)",
    );
    expect(held.state.view.waitingFor!.drain).toMatchObject({ inFlight: 3, streams: 1, webSockets: 2, sticky: true, sessionsAt: 3000, connectionsAt: 6000, cutAt: 10_000 });
    const sessions = step(held.state, observe(3000, { openWebSockets: 2, inFlight: 3 }));
    expect(drainSteps(sessions.effects)).toEqual(['close-sessions']);
    const connections = step(sessions.state, observe(6000, { openWebSockets: 2, inFlight: 1 }));
    expect(drainSteps(connections.effects)).toEqual(['end-connections']);
    const cut = step(connections.state, observe(10_000, { inFlight: 1 }));
    expect(drainSteps(cut.effects)).toEqual(['cut']);
    expect(waiting(cut.state)).toBe('drained');
    const drained = step(cut.state, observe(10_100, { drained: true }));
    expect(drainSteps(drained.effects)).toEqual(['release']);
    expect(waiting(drained.state)).toBe('user');
  });

  it('keeps the order when a grace is shorter than the session window: WebSockets never close before sticky clients move', () => {
    const begun = start({ sticky: true, drain: { sessionWindowMs: 4000, graceMs: 1000, deadlineMs: 0 } });
    expect(begun.state.view.waitingFor!.drain).toMatchObject({ sessionsAt: 5000, connectionsAt: 5000, cutAt: 5000 });
  });

  it('"finish now" on a drain moves every end to now and gives requests in flight 5 s', () => {
    const begun = start({ drain: { sessionWindowMs: 10_000, graceMs: 10_000, deadlineMs: 30_000 } });
    const now = step(begun.state, { type: 'next', now: 2000, source: 'cli', manual: false });
    expect(now.error).toBeUndefined();
    expect(actions(now.effects)).toEqual(['finish drain blue now']);
    const acted = step(now.state, observe(2000, { openWebSockets: 1, inFlight: 1 }));
    expect(acted.effects.flatMap((e) => (e.type === 'update-drain' ? [e.step] : []))).toEqual(['close-sessions', 'end-connections']);
    expect(acted.state.view.waitingFor!.until).toBe(7000);
  });

  it('runs a confirmed command, waits for a first yes on an imported one, and fails on a bad exit', () => {
    const cmd = (confirmed: boolean) => config({ environments: [env('blue', { command: { command: 'deploy blue', confirmed } }), env('green')] });
    const ran = step(startFlow(cmd(true), 0, { blue: 50, green: 50 }, { blue: 50, green: 50 }, 'cli').state, observe(1, { drained: true }));
    expect(ran.effects).toContainEqual({ type: 'run-command', env: 'blue', command: 'deploy blue' });
    expect(waiting(ran.state)).toBe('command');
    expect(step(ran.state, { type: 'next', now: 2, source: 'cli', manual: false }).error).toMatch(/nothing to confirm/);
    const out = run(ran.state, [{ type: 'command-output', line: 'pulling' }, { type: 'command-done', now: 3, code: 0 }]);
    expect(out.state.view.command).toMatchObject({ running: false, exitCode: 0, output: ['pulling'] });
    expect(waiting(out.state)).toBe('health');
    const bad = step(ran.state, { type: 'command-done', now: 3, code: 2 });
    expect([bad.state.view.status, bad.state.view.reason]).toEqual(['failed', 'the update command for blue exited with 2']);

    const asked = step(startFlow(cmd(false), 0, { blue: 50, green: 50 }, { blue: 50, green: 50 }, 'cli').state, observe(1, { drained: true }));
    expect(waiting(asked.state)).toBe('confirm-command');
    const yes = step(asked.state, { type: 'next', now: 2, source: 'window', manual: false });
    expect(yes.effects.slice(0, 2)).toEqual([{ type: 'confirm-command', env: 'blue', source: 'window' }, { type: 'run-command', env: 'blue', command: 'deploy blue' }]);
    const byHand = step(asked.state, { type: 'next', now: 2, source: 'window', manual: true });
    expect(byHand.effects.some((e) => e.type === 'run-command' || e.type === 'confirm-command')).toBe(false);
    expect(waiting(byHand.state)).toBe('health');
    expect(step(ran.state, { type: 'abort', now: 4, source: 'cli' }).effects[0]).toEqual({ type: 'cancel-command' });
  });

  it('a smoke request decides verify after health', () => {
    const { state } = run(start({ smoke: { path: '/ready', expectStatus: 204 } }).state, cycle('blue', 2000));
    expect(waiting(state)).toBe('smoke');
    expect(waiting(step(state, { type: 'smoke-done', now: 2500, ok: true, detail: 'GET /ready answered 204' }).state)).toBe('drained');
    const failed = step(state, { type: 'smoke-done', now: 2500, ok: false, detail: 'GET /ready answered 500, expected 204' });
    expect(failed.state.view.reason).toBe('smoke request to blue failed: GET /ready answered 500, expected 204');
  });
});

describe('ramp and guard', () => {
  const second = (blue: Partial<EnvironmentMetrics>, green: Partial<EnvironmentMetrics> = {}): FlowEvent => {
    const m = (extra: Partial<EnvironmentMetrics>): EnvironmentMetrics => ({
      requests: 0, rps: 100, responses: { '1xx': 0, '2xx': 0, '3xx': 0, '4xx': 0, '5xx': 0 }, errors: 0, retries: 0, errorRate: 0,
      latencyMs: { p50: 5, p90: 8, p99: 10, max: 12 }, inFlight: 0, openWebSockets: 0, ...extra,
    });
    const sample: MetricsSample = { at: 0, environments: { blue: m(blue), green: m(green) } };
    return { type: 'metrics', now: 0, sample };
  };
  const plan = (rollback: 'at-once' | 'gradual') => rampPlanSchema.parse({ steps: [{ weight: 5, holdMs: 1000 }, { weight: 50, holdMs: 1000, gate: true }, { weight: 100 }], rollback, rollbackStepMs: 500, guard: { windowSeconds: 2, minRequests: 50 } });
  const ramped = (rollback: 'at-once' | 'gradual') => run(startFlow(config({ plan: plan(rollback) }), 0, { blue: 50, green: 50 }, { blue: 50, green: 50 }, 'cli').state, cycle('blue', 10));

  it('walks the steps with holds and a gate, then the old side is updated', () => {
    const { state, effects } = ramped('at-once');
    expect(ratios(effects)).toEqual([{ blue: 5, green: 95 }]);
    expect(waiting(state)).toBe('hold');
    const after = run(state, [observe(1013, {}), observe(2013, {})]);
    expect(ratios(after.effects)).toEqual([{ blue: 50, green: 50 }]);
    expect(waiting(after.state)).toBe('gate');
    const passed = run(after.state, [{ type: 'next', now: 2100, source: 'cli', manual: false }, observe(2100, {})]);
    expect(ratios(passed.effects)).toEqual([{ blue: 100, green: 0 }]);
    expect(passed.state.view.safeWeights).toEqual({ blue: 100, green: 0 });
    expect(waiting(passed.state)).toBe('drained');
  });

  it('no verdict on too few requests; a 20 % error rate rolls back at once, saying why', () => {
    const { state } = ramped('at-once');
    const few = step(state, second({ rps: 10, errorRate: 0.5 }));
    expect(few.state.view.guard!.breach).toBeNull();
    const bad = run(state, [second({ rps: 40, errorRate: 0.2 }, { errorRate: 0.01 }), second({ rps: 40, errorRate: 0.2 }, { errorRate: 0.01 })]);
    expect(bad.state.view.status).toBe('rolled-back');
    expect(bad.state.view.reason).toBe('guard: blue error rate 20.0 % over the limit of 5.0 %');
    expect(ratios(bad.effects)).toEqual([{ blue: 0, green: 100 }]);
    expect(bad.effects.find((e) => e.type === 'record' && e.action === 'guard breach')).toMatchObject({ source: 'auto' });
    expect(bad.effects).toContainEqual({ type: 'notice', notice: { at: 0, level: 'warning', message: 'Update rolled-back: guard: blue error rate 20.0 % over the limit of 5.0 %' } });
  });

  it('compares with the old side: 4 % against 1 % breaches, and a slow p99 too', () => {
    const { state } = ramped('at-once');
    const worse = run(state, [second({ errorRate: 0.04 }, { errorRate: 0.01 })]);
    expect(worse.state.view.reason).toBe('guard: blue error rate 4.0 % against 1.0 % on the old side');
    const slow = run(state, [second({ latencyMs: { p50: 50, p90: 90, p99: 400, max: 500 } })]);
    expect(slow.state.view.reason).toBe('guard: blue p99 400 ms against 10 ms on the old side');
    const fine = run(state, [second({ errorRate: 0.02 }, { errorRate: 0.01 }), second({ latencyMs: { p50: 5, p90: 9, p99: 55, max: 60 } })]);
    expect(fine.state.view.status).toBe('running');
  });

  it('rolls back gradually through the weights already passed', () => {
    const { state } = ramped('gradual');
    const at50 = run(state, [observe(1013, {}), observe(2013, {})]).state;
    const breach = step(at50, { ...(second({ errorRate: 0.3 }) as FlowEvent & { type: 'metrics' }), now: 2013 });
    expect(ratios(breach.effects)).toEqual([{ blue: 5, green: 95 }]);
    expect(waiting(breach.state)).toBe('rollback');
    expect(step(breach.state, observe(2013 + 499, {})).effects).toEqual([]);
    const done = step(breach.state, observe(2013 + 500, {}));
    expect(ratios(done.effects)).toEqual([{ blue: 0, green: 100 }]);
    expect(done.state.view.status).toBe('rolled-back');
  });

  describe('resumed after a restart', () => {
    const start = (extra: Partial<FlowConfig> = {}, weights = { blue: 70, green: 30 }) => startFlow(config(extra), 1000, weights, weights, 'window');
    it('takes a drain\'s steps again on the new data plane, and goes on', () => {
      const begun = start({ sticky: true, drain: { sessionWindowMs: 1000, graceMs: 1000, deadlineMs: 9000 } });
      const past = step(begun.state, observe(2500, { openWebSockets: 1 })).state;
      const resumed = resumeFlow(JSON.parse(JSON.stringify(past)) as FlowState, 3000);
      expect(resumed.effects.flatMap((e) => (e.type === 'update-drain' ? [e.step] : []))).toEqual(['begin', 'close-sessions', 'end-connections']);
      expect(actions(resumed.effects)).toEqual(['resumed after a restart']);
      expect(waiting(step(resumed.state, observe(3100, { drained: true })).state)).toBe('user');
    });

    it('fails a step whose update command died with the old process, back to the safe ratio', () => {
      const cmd = config({ environments: [env('blue', { command: { command: 'deploy blue', confirmed: true } }), env('green')] });
      const running = step(startFlow(cmd, 0, { blue: 50, green: 50 }, { blue: 50, green: 50 }, 'cli').state, observe(1, { drained: true })).state;
      expect(waiting(running)).toBe('command');
      const resumed = resumeFlow(running, 10);
      expect([resumed.state.view.status, resumed.state.view.reason]).toEqual(['failed', 'the update command for blue was interrupted by a restart of Turnout']);
      expect(resumed.state.weights).toEqual({ blue: 0, green: 100 });
    });

    it('counts verify probes afresh and starts the guard\'s window again', () => {
      const { state } = run(start().state, cycle('blue', 2000).slice(0, 2));
      expect(waiting(state)).toBe('health');
      const resumed = resumeFlow({ ...state, goodProbes: 1 }, 5000);
      expect([resumed.state.goodProbes, resumed.state.probeSeen, resumed.state.guardWindow]).toEqual([0, 5000, []]);
    });
  });
});
