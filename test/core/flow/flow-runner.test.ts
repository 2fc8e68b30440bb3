import { describe, expect, it } from 'vitest';
import { FlowRunner, type FlowClock, type FlowHost } from '../../../electron/core/flow/runner';
import type { Observation } from '../../../electron/core/flow/plan';
import { methods, type MethodArgs } from '../../../shared/contract/methods';
import { profileSchema, type Profile } from '../../../shared/domain/profile';
import type { Weights } from '../../../shared/domain/ratio';

/** Timers that run only when the test advances time: a whole ramp in microseconds. */
class ManualClock implements FlowClock {
  time = 0;
  private timers: { at: number; run: () => void; id: number }[] = [];
  private ids = 0;
  now = () => this.time;
  setTimeout = (run: () => void, ms: number) => {
    const id = ++this.ids;
    this.timers.push({ at: this.time + ms, run, id });
    return id;
  };
  clearTimeout = (id: unknown) => void (this.timers = this.timers.filter((timer) => timer.id !== id));
  advance(ms: number): void {
    const end = this.time + ms;
    for (;;) {
      const next = this.timers.sort((a, b) => a.at - b.at)[0];
      if (!next || next.at > end) break;
      this.timers.shift();
      this.time = next.at;
      next.run();
    }
    this.time = end;
  }
}

/** The runner's host as plain data: what the control service would store and apply. */
function world(profile: Profile) {
  const log: string[] = [];
  const live: Record<string, Observation> = {};
  for (const env of profile.environments) live[env.name] = { drained: false, health: 'up', lastProbe: null, inFlight: 0, openWebSockets: 0, openStreams: 0 };
  let weights: Weights = Object.fromEntries(profile.environments.map((env) => [env.name, env.weight]));
  const host: FlowHost = {
    profile: () => profile,
    weights: () => weights,
    observe: (name) => ({ ...live[name]!, drained: weights[name] === 0 && live[name]!.inFlight === 0 }),
    proxyUrl: () => 'http://127.0.0.1:9',
    setRatio: (next, source, action) => {
      weights = next;
      log.push(`ratio ${Object.values(next).join(':')} (${source}, ${action})`);
    },
    setRestoreWeights: (next) => log.push(`restore ${next ? Object.values(next).join(':') : 'none'}`),
    confirmCommand: (env) => log.push(`confirm ${env}`),
    record: (_source, action) => log.push(`history ${action}`),
    notice: (notice) => log.push(`notice ${notice.level}`),
    updateDrain: (env, drainStep) => log.push(`drain ${env} ${drainStep}`),
    changed: () => undefined,
    // Storing is the control service's (flow-handlers.ts), tested with real processes in flow-restart.test.ts.
    persist: () => undefined,
    atomically: (work) => work(),
  };
  return { host, log, live, weights: () => weights };
}

const profile = profileSchema.parse({
  name: 'P',
  listen: '127.0.0.1:0',
  routing: 'round-robin',
  demo: false,
  environments: [
    { name: 'blue', color: '#2f6fed', url: 'http://127.0.0.1:1', weight: 50, health: { enabled: false } },
    { name: 'green', color: '#1f9d55', url: 'http://127.0.0.1:2', weight: 50, health: { enabled: false } },
  ],
  update: { commands: { green: { command: 'deploy green', confirmed: true } } },
});
const start = (args: MethodArgs<'updateStart'>) => methods.updateStart.input.parse(args);

describe('flow runner with an injected clock', () => {
  it('drives a gated ramp through holds by ticks, runs the command and streams its output', async () => {
    const clock = new ManualClock();
    const { host, log, live } = world(profile);
    const lines: ((line: string) => void)[] = [];
    let finishCommand: (code: number) => void = () => undefined;
    const runner = new FlowRunner(host, {
      clock,
      tickMs: 100,
      runCommand: (_command, onLine) => {
        lines.push(onLine);
        return new Promise((resolve) => (finishCommand = (code) => resolve({ code })));
      },
    });
    live.blue!.inFlight = 1;
    runner.start(start({ first: 'blue', plan: { steps: [{ weight: 10, holdMs: 60_000 }, { weight: 100, gate: true }] } }), 'cli');
    clock.advance(1000);
    expect(runner.view()!.waitingFor).toMatchObject({ kind: 'drained', message: expect.stringMatching(/^blue: 1 request in flight, 0 WebSockets open; WebSockets and streams close in 9 s/) });
    live.blue!.inFlight = 0;
    clock.advance(100);
    expect(runner.next(false, 'cli').waitingFor?.kind).toBe('hold');
    clock.advance(59_900);
    expect(runner.view()!.waitingFor?.kind).toBe('hold');
    // The hold ends on the tick at 60 s; the 100 % step (no hold) reaches its gate on the next.
    clock.advance(200);
    expect(runner.view()!.waitingFor?.kind).toBe('gate');
    expect(() => runner.start(start({ first: 'green' }), 'cli')).toThrow(/already running/);
    runner.next(false, 'tray');
    clock.advance(100);
    expect(runner.view()!.waitingFor).toMatchObject({ kind: 'command', env: 'green' });
    expect(() => runner.next(false, 'cli')).toThrow(/nothing to confirm/);
    lines[0]!('Recreating green ... done');
    expect(runner.view()!.command?.output).toEqual(['Recreating green ... done']);
    finishCommand(0);
    await Promise.resolve();
    await Promise.resolve();
    expect(runner.view()!.status).toBe('done');
    expect(log).toEqual([
      'restore 50:50', 'history start ramp, blue first', 'ratio 0:100 (cli, update: drain blue)', 'drain blue begin', 'drain blue release', 'history drain blue', 'history update blue', 'drain blue updated', 'history verify blue',
      'ratio 10:90 (auto, update: ramp blue to 10 %)', 'history ramp blue 10 %', 'ratio 100:0 (auto, update: ramp blue to 100 %)', 'history ramp blue 100 %',
      'drain green begin', 'drain green release', 'history drain green', 'history update green', 'drain green updated', 'history verify green', 'ratio 50:50 (auto, update: restore the original ratio)', 'history restore', 'restore none', 'history done', 'notice info',
    ]);
  });

  it('abort stops a running command and goes back to the safe ratio; a late result is dropped', async () => {
    const clock = new ManualClock();
    const { host, weights } = world(profile);
    let signal: AbortSignal | undefined;
    let finish: (code: number) => void = () => undefined;
    const runner = new FlowRunner(host, { clock, runCommand: (_c, _l, s) => ((signal = s), new Promise((resolve) => (finish = (code) => resolve({ code })))) });
    runner.start(start({ first: 'green' }), 'window');
    clock.advance(200);
    expect(runner.view()!.waitingFor?.kind).toBe('command');
    runner.abort('changed my mind', 'window');
    expect(signal?.aborted).toBe(true);
    expect([runner.view()!.status, runner.view()!.reason, weights()]).toEqual(['aborted', 'changed my mind', { blue: 100, green: 0 }]);
    finish(0);
    await Promise.resolve();
    expect(runner.view()!.status).toBe('aborted');
    expect(() => runner.next(false, 'cli')).toThrow(/no update is running/);
  });
});
