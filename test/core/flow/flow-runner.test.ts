import { describe, expect, it } from 'vitest';
import { FlowRunner, type FlowClock, type FlowHost } from '../../../electron/core/flow/runner';
import type { Observation, PauseObservation } from '../../../electron/core/flow/plan';
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
  const pause: { current: PauseObservation | null } = { current: null };
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
    pause: () => pause.current,
    holdTraffic: async (timeoutMs) => {
      log.push(`hold ${timeoutMs}`);
      pause.current = { mode: 'hold', held: 0 };
    },
    releaseTraffic: async () => {
      log.push(`release at ${Object.values(weights).join(':')}`);
      pause.current = null;
    },
    changed: () => undefined,
    // Storing is the control service's (flow-handlers.ts), tested with real processes in flow-restart.test.ts.
    persist: () => undefined,
    atomically: (work) => work(),
  };
  return { host, log, live, pause, weights: () => weights };
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

  describe('the held step (traffic held while a command runs)', () => {
    const flush = async () => {
      for (let i = 0; i < 5; i++) await Promise.resolve();
    };
    /** Runs a blue-green update with a held step up to the point where its command was started. */
    async function upToHeldCommand(timeoutMs = 30_000) {
      const clock = new ManualClock();
      const w = world(profile);
      let signal: AbortSignal | undefined;
      let finishCommand: (code: number) => void = () => undefined;
      const started: string[] = [];
      const runner = new FlowRunner(w.host, {
        clock,
        tickMs: 50,
        runCommand: (command, _onLine, s) => {
          started.push(command);
          signal = s;
          return new Promise((resolve) => (finishCommand = (code) => resolve({ code })));
        },
      });
      runner.start(start({ first: 'blue', heldStep: { command: 'migrate up', timeoutMs } }), 'cli');
      clock.advance(50);
      expect(runner.view()!.waitingFor?.kind).toBe('user');
      runner.next(false, 'cli');
      expect(runner.view()!.waitingFor).toMatchObject({ kind: 'held', held: { phase: 'holding' } });
      expect(w.log.at(-1)).toBe(`hold ${timeoutMs + 5000}`);
      await flush();
      // A request still in flight on green: the command waits for it.
      w.live.green!.inFlight = 1;
      w.pause.current = { mode: 'hold', held: 3 };
      clock.advance(200);
      expect(runner.view()!.waitingFor).toMatchObject({ kind: 'held', message: 'holding 3 requests; waiting for 1 in flight to finish before "migrate up"', held: { phase: 'quiet', requests: 3, inFlight: 1 } });
      expect(started).toEqual([]);
      w.live.green!.inFlight = 0;
      clock.advance(50);
      expect(started).toEqual(['migrate up']);
      expect(runner.view()!.waitingFor).toMatchObject({ message: 'holding 3 requests while "migrate up" runs', held: { phase: 'running' } });
      return { ...w, clock, runner, finishCommand: (code: number) => finishCommand(code), signal: () => signal };
    }

    it('exit 0: the swap is applied first, then the held requests are released to it', async () => {
      const { runner, log, finishCommand } = await upToHeldCommand();
      finishCommand(0);
      await flush();
      const view = runner.view()!;
      expect(view.steps.map((step) => [step.kind, step.state])).toContainEqual(['held', 'done']);
      const swap = log.indexOf('ratio 100:0 (auto, update: swap: all traffic to blue)');
      expect(swap).toBeGreaterThan(-1);
      expect(log.indexOf('release at 100:0')).toBeGreaterThan(swap);
      expect(log).toContain('history held');
    });

    it('comes before a ramp\'s first step, whose ratio the held requests are released to', async () => {
      const clock = new ManualClock();
      const w = world(profile);
      const runner = new FlowRunner(w.host, { clock, tickMs: 50, runCommand: async () => ({ code: 0 }) });
      runner.start(start({ first: 'blue', plan: { steps: [{ weight: 10, holdMs: 60_000 }, { weight: 100 }] }, heldStep: { command: 'migrate up' } }), 'cli');
      expect(runner.view()!.steps.map((step) => step.kind)).toEqual(['drain', 'update', 'verify', 'held', 'ramp', 'ramp', 'drain', 'update', 'verify', 'restore']);
      clock.advance(50);
      runner.next(false, 'cli');
      await flush();
      clock.advance(200);
      await flush();
      expect(runner.view()!.waitingFor?.kind).toBe('hold');
      expect(w.log.filter((line) => line.startsWith('release'))).toEqual(['release at 10:90']);
      expect(w.log.indexOf('release at 10:90')).toBeGreaterThan(w.log.indexOf('ratio 10:90 (auto, update: ramp blue to 10 %)'));
    });

    it('a failing command ends the update at the safe ratio and releases the hold there', async () => {
      const { runner, log, finishCommand, weights } = await upToHeldCommand();
      finishCommand(3);
      await flush();
      expect([runner.view()!.status, runner.view()!.reason]).toEqual(['failed', 'the held step\'s command "migrate up" exited with 3']);
      expect(weights()).toEqual({ blue: 0, green: 100 });
      expect(log.filter((line) => line.startsWith('release'))).toEqual(['release at 0:100']);
    });

    it('the timeout stops the command, aborts to the safe ratio and releases the hold', async () => {
      const { runner, log, clock, signal } = await upToHeldCommand(2000);
      clock.advance(2000);
      expect(signal()?.aborted).toBe(true);
      expect(runner.view()!.reason).toMatch(/did not finish within 2 s \("migrate up" still running\)/);
      expect(log.at(-3)).toBe('release at 0:100');
    });

    it('a hold lifted by hand during the step fails it (requests may have reached a backend)', async () => {
      const { runner, pause, clock } = await upToHeldCommand();
      pause.current = null;
      clock.advance(50);
      expect(runner.view()!.reason).toBe('the hold was lifted (resumed) during the held step');
    });

    it('a proxy that cannot hold fails the step before any command runs', async () => {
      const clock = new ManualClock();
      const w = world(profile);
      w.host.holdTraffic = async () => {
        throw new Error('the proxy is already paused (stop)');
      };
      let ran = false;
      const runner = new FlowRunner(w.host, { clock, tickMs: 50, runCommand: async () => ((ran = true), { code: 0 }) });
      runner.start(start({ first: 'blue', heldStep: { command: 'migrate up' } }), 'cli');
      clock.advance(50);
      runner.next(false, 'cli');
      await flush();
      expect([runner.view()!.status, runner.view()!.reason, ran]).toEqual(['failed', 'could not hold traffic: the proxy is already paused (stop)', false]);
    });

    it('an abort while the hold is being put in place releases it once it lands; a refused hold releases nothing', async () => {
      const clock = new ManualClock();
      const w = world(profile);
      let land: () => void = () => undefined;
      w.host.holdTraffic = () => new Promise((resolve) => (land = () => ((w.pause.current = { mode: 'hold', held: 0 }), resolve())));
      const runner = new FlowRunner(w.host, { clock, tickMs: 50, runCommand: async () => ({ code: 0 }) });
      runner.start(start({ first: 'blue', heldStep: { command: 'migrate up' } }), 'cli');
      clock.advance(50);
      runner.next(false, 'cli');
      runner.abort(undefined, 'window');
      expect(w.log.some((line) => line.startsWith('release'))).toBe(false);
      land();
      await flush();
      expect(w.log.at(-1)).toBe('release at 0:100');
      expect(w.pause.current).toBeNull();
    });
  });
});
