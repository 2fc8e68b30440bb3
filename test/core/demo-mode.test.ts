import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ControlService } from '../../electron/core/control';
import { Store } from '../../electron/core/store/store';
import type { DemoLoadView, DemoView } from '../../shared/contract/demo';
import { dispatch } from '../../shared/contract/dispatch';
import type { MethodArgs, MethodName, MethodResults } from '../../shared/contract/methods';
import { profileSchema } from '../../shared/domain/profile';
import { eventually, FAST_HEALTH } from '../support/data-plane';
import { makeTempDir } from '../support/temp-dir';
import { freePort } from '../support/ports';

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * Demo mode through the control service, as the transports call it: real demo apps,
 * the real proxy, the load generator's real requests. The tests run in order on one
 * Turnout, like a presenter going through the guide.
 */
describe('demo mode: load, faults, new versions and a blue-green update under load', () => {
  let temp: ReturnType<typeof makeTempDir>;
  let store: Store;
  let control: ControlService;
  const call = <M extends MethodName>(method: M, input: MethodArgs<M>) => dispatch(control, method, input, { source: 'cli' }) as Promise<MethodResults[M]>;
  const demo = async (): Promise<DemoView> => (await call('getState', {})).demo!;
  const load = async (): Promise<DemoLoadView> => (await demo()).load;
  const env = async (name: string) => (await call('getState', {})).environments.find((view) => view.name === name)!;
  const pinned = async (name: string) => {
    const response = await fetch(`${(await call('getState', {})).proxy.url}/api/version`, { headers: { 'x-turnout-env': name } });
    return ((await response.json()) as { label: string }).label;
  };
  /** Requests the load generator got answers to, and how many of those failed, from now on. */
  const window = async () => {
    const start = await load();
    return async () => {
      const now = await load();
      return { completed: now.completed - start.completed, errors: now.errors - start.errors, lastError: now.lastError };
    };
  };

  beforeAll(async () => {
    temp = makeTempDir();
    store = Store.open(path.join(temp.dir, 'turnout.db'));
    const listen = `127.0.0.1:${await freePort()}`;
    const plain = profileSchema.parse({
      name: 'Plain',
      listen,
      routing: 'round-robin',
      demo: false,
      environments: [
        { name: 'blue', color: '#2f6fed', url: 'http://127.0.0.1:1', weight: 50, health: { enabled: false } },
        { name: 'green', color: '#1f9d55', url: 'http://127.0.0.1:2', weight: 50, health: { enabled: false } },
      ],
    });
    store.profiles.saveActive(plain);
    control = new ControlService(store, plain);
    await control.start();
    // Frequent probes, so a restart shows within a second (a crash shows at once: refused
    // connections mark an environment down passively); a patient timeout and fall, so a
    // busy shared machine does not fail probes of healthy apps.
    const stage = profileSchema.parse({
      name: 'Stage demo',
      listen,
      routing: 'round-robin',
      demo: true,
      environments: ['blue', 'green'].map((name, index) => ({ name, color: index ? '#1f9d55' : '#2f6fed', url: `http://127.0.0.1:${3001 + index}`, weight: 50, health: { ...FAST_HEALTH, timeoutMs: 2000, fall: 3 } })),
    });
    await call('createProfile', { profile: stage });
  });

  afterAll(async () => {
    await control.stop();
    store.close();
    temp.cleanup();
  });

  it('refuses demo actions on a profile that is not a demo; demoStart switches to the stored demo and starts the load', async () => {
    await expect(call('demoCrash', { environment: 'blue' })).rejects.toMatchObject({ code: 'CONFLICT', message: expect.stringMatching(/"Plain" is not a demo profile/) });
    expect((await call('getState', {})).demo).toBeNull();
    const status = await call('demoStart', { rps: 50 });
    expect([status.profile, status.proxyUrl, status.guide.length > 3]).toEqual(['Stage demo', (await call('getState', {})).proxy.url, true]);
    expect(status.environments.map((view) => [view.label, view.running])).toEqual([
      ['v1 Blue', true],
      ['v2 Green', true],
    ]);
    expect(await eventually(async () => (await load()).completed >= 25, 5000)).toBe(true);
    expect((await call('getHistory', { kind: 'profile', limit: 1 })).entries[0]).toMatchObject({ action: 'switch', after: 'Stage demo', source: 'cli' });
    await expect(call('demoFault', { environment: 'red', latencyMs: 1 })).rejects.toMatchObject({ code: 'NOT_FOUND', message: expect.stringMatching(/blue, green/) });
  });

  it('produces the requested rate within 10 %, counted at the demo apps', async () => {
    await call('demoLoad', { rps: 0 });
    expect(await eventually(async () => (await load()).inFlight === 0, 3000)).toBe(true);
    const served = async () => (await demo()).environments.reduce((sum, app) => sum + app.requests, 0);
    const before = await served();
    // Every request issued between start and stop reaches an app: counting after the last
    // answer keeps a busy machine's lag at the edges out of the figure.
    const started = performance.now();
    await call('demoLoad', { rps: 200, concurrency: 64 });
    expect((await load()).targetRps).toBe(200);
    await sleep(3000);
    await call('demoLoad', { rps: 0 });
    const seconds = (performance.now() - started) / 1000;
    expect(await eventually(async () => (await load()).inFlight === 0, 3000)).toBe(true);
    const rate = ((await served()) - before) / seconds;
    expect(rate).toBeGreaterThan(180);
    expect(rate).toBeLessThan(220);
  });

  it('caps requests in flight at the concurrency: a slow app lowers the rate instead of piling up', async () => {
    await call('demoFault', { environment: 'blue', latencyMs: 200 });
    await call('demoFault', { environment: 'green', latencyMs: 200 });
    await call('demoLoad', { rps: 100, concurrency: 4 });
    // The achieved rate is over a trailing window that still holds the last test's 200 rps:
    // wait for it to settle, however long a busy machine takes. Uncapped, it would stay near
    // 100; capped, 4 in flight at 200 ms each is 20 answers a second at most.
    let mostInFlight = 0;
    const settled = async () => {
      const view = await load();
      mostInFlight = Math.max(mostInFlight, view.inFlight);
      return view.achievedRps > 10 && view.achievedRps <= 25;
    };
    expect(await eventually(settled, 8000, 100)).toBe(true);
    expect(mostInFlight).toBeLessThanOrEqual(4);
    await call('demoFault', { environment: 'green', latencyMs: 0 });
  });

  it('shows added latency in the proxy metrics p50 of that environment only', async () => {
    await call('demoLoad', { rps: 60, concurrency: 20 });
    // The last test slowed green too: wait for a whole second after that, however long a busy
    // machine takes to get there, in which blue's answers are slow and green's are not.
    const lastSecond = async () => (await call('getMetrics', { seconds: 1 }))[0]!.environments;
    let sample = await lastSecond();
    const onlyBlueSlow = async () => (sample = await lastSecond()).blue!.latencyMs.p50 >= 190 && sample.green!.latencyMs.p50 < 50;
    expect(await eventually(onlyBlueSlow, 8000, 100), JSON.stringify(sample)).toBe(true);
    expect((await call('demoFault', { environment: 'blue', latencyMs: 0 })).environments[0]!.faults).toEqual({ latencyMs: 0, errorPercent: 0 });
  });

  it('answers the chosen share of requests with 500 (over at least 500 requests)', async () => {
    await call('setRatio', { weights: { blue: 100, green: 0 } });
    await call('demoFault', { environment: 'blue', errorPercent: 20 });
    await call('demoLoad', { rps: 300 });
    const since = await window();
    expect(await eventually(async () => (await since()).completed >= 600, 8000, 100)).toBe(true);
    const { completed, errors, lastError } = await since();
    expect(lastError).toBe('status 500');
    // 600 draws at 20 %: the standard deviation is 1.6 points, so ±5 is over 3 sigma.
    expect(errors / completed).toBeGreaterThan(0.15);
    expect(errors / completed).toBeLessThan(0.25);
    await call('demoFault', { environment: 'blue', errorPercent: 0 });
    await call('setRatio', { weights: { blue: 50, green: 50 } });
  });

  it('a crash marks the environment down and traffic moves over without a failed GET; a restart brings it back', async () => {
    // The last test's load answered its last injected 500 before this window opens.
    await call('demoLoad', { rps: 0 });
    expect(await eventually(async () => (await load()).inFlight === 0, 3000)).toBe(true);
    await call('demoLoad', { rps: 100 });
    const since = await window();
    // Traffic flowing when the app crashes: answers coming in, not a pause of a guessed length.
    expect(await eventually(async () => (await since()).completed >= 20, 5000)).toBe(true);
    const crashed = await call('demoCrash', { environment: 'blue' });
    expect(crashed.environments[0]!.running).toBe(false);
    expect(await eventually(async () => (await env('blue')).health === 'down', 3000)).toBe(true);
    const greenBefore = (await load()).servedBy.green ?? 0;
    expect(await eventually(async () => ((await load()).servedBy.green ?? 0) - greenBefore > 30, 5000)).toBe(true);
    expect(await pinned('green')).toBe('v2 Green');
    await call('demoRestart', { environment: 'blue' });
    expect(await eventually(async () => (await env('blue')).health === 'up', 3000)).toBe(true);
    const blueBefore = (await load()).servedBy.blue ?? 0;
    expect(await eventually(async () => ((await load()).servedBy.blue ?? 0) - blueBefore > 15, 5000)).toBe(true);
    // Enough answers over the crash and the restart for "none failed" to mean something.
    expect(await eventually(async () => (await since()).completed > 100, 5000)).toBe(true);
    const { errors, lastError } = await since();
    expect(errors, `last error: ${lastError}`).toBe(0);
  });

  it('runs a full blue-green update over the demo under load with 0 failed requests', async () => {
    await call('demoLoad', { rps: 100 });
    const since = await window();
    const update = async (name: 'blue' | 'green', away: Record<string, number>) => {
      await call('setRatio', { weights: away });
      // Some load on each step of the way, so the count below covers every phase.
      await sleep(300);
      await control.whenDrained(name, AbortSignal.timeout(5000));
      const before = Date.now();
      const view = await call('demoNewVersion', { environment: name });
      const label = view.environments.find((app) => app.name === name)!.label;
      // Verify before moving traffic back, as an operator would: probed up since the restart, pinned GET answers the new version.
      expect(await eventually(async () => (await env(name)).health === 'up' && ((await env(name)).lastProbe?.at ?? 0) > before, 3000)).toBe(true);
      expect(await pinned(name)).toBe(label);
      return label;
    };
    const blue = await update('blue', { blue: 0, green: 100 });
    expect(blue).toBe('v3 Blue');
    await call('setRatio', { weights: { blue: 100, green: 0 } });
    const green = await update('green', { blue: 100, green: 0 });
    expect(green).toBe('v4 Green');
    await call('setRatio', { weights: { blue: 50, green: 50 } });
    // Answers after the restore too, and enough over the whole update for "none failed" to mean something.
    const restored = (await since()).completed;
    expect(await eventually(async () => { const { completed } = await since(); return completed >= restored + 30 && completed > 100; }, 5000)).toBe(true);
    await call('demoLoad', { rps: 0 });
    expect(await eventually(async () => (await load()).inFlight === 0, 3000)).toBe(true);
    const { completed, errors, lastError } = await since();
    expect(errors, `last error: ${lastError}`).toBe(0);
    expect(completed).toBeGreaterThan(100);
    expect((await load()).running).toBe(false);
  });
});
