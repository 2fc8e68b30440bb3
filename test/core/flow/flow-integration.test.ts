import type http from 'node:http';
import { afterEach, describe, expect, it } from 'vitest';
import type { FlowNotice, FlowView } from '../../../shared/contract/flow';
import type { MethodArgs } from '../../../shared/contract/methods';
import { methods } from '../../../shared/contract/methods';
import { startBackend, type Backend } from '../../support/backends';
import { startControl } from '../../support/control-fixture';
import { eventually, FAST_HEALTH } from '../../support/data-plane';
import { startSteadyLoad } from '../../support/steady-load';
import { makeTempDir } from '../../support/temp-dir';

/**
 * The update flow end to end in one process: a real control service, store, proxy and
 * backends on 127.0.0.1, with steady traffic through the proxy the whole time.
 */
describe('update flow under steady load', () => {
  const cleanup: (() => Promise<void> | void)[] = [];
  afterEach(async () => {
    for (const step of cleanup.reverse()) await step();
    cleanup.length = 0;
  });

  async function setup(blueHandler?: http.RequestListener) {
    const temp = makeTempDir();
    const blue = { current: await startBackend('blue', blueHandler) };
    const green = { current: await startBackend('green') };
    const health = { ...FAST_HEALTH, path: '/health' };
    const { control, store, url, stop } = await startControl(temp.dir, { blue: blue.current.url, green: green.current.url }, { name: 'Flow', health });
    cleanup.push(temp.cleanup, stop, () => blue.current.close(), () => green.current.close());
    const notices: FlowNotice[] = [];
    control.events.on('flowNotice', (notice) => notices.push(notice));
    const call = {
      start: (args: MethodArgs<'updateStart'>) => control.updateStart(methods.updateStart.input.parse(args), { source: 'cli' }),
      next: () => control.updateNext({ manual: false }, { source: 'cli' }),
      view: async () => (await control.getUpdate({}, { source: 'cli' }))!,
    };
    const waitFor = async (check: (view: FlowView) => boolean, ms = 8000) => {
      expect(await eventually(async () => check(await call.view()), ms, 20), JSON.stringify(await call.view(), null, 1)).toBe(true);
    };
    /** An "update": the app really goes away, then comes back on the same port. */
    const redeploy = async (backend: { current: Backend }, name: string, handler?: http.RequestListener) => {
      const port = Number(new URL(backend.current.url).port);
      await backend.current.close();
      await new Promise((resolve) => setTimeout(resolve, 300));
      backend.current = await startBackend(name, handler, port);
    };
    return { control, store, url, blue, green, call, waitFor, redeploy, notices };
  }

  it('runs the whole blue-green flow with both environments restarted and drops no request', async () => {
    const { control, url, blue, green, call, waitFor, redeploy, notices } = await setup();
    await control.setRatio({ weights: { blue: 70, green: 30 } }, { source: 'window' });
    const load = startSteadyLoad(url, 4, 30_000);
    await new Promise((resolve) => setTimeout(resolve, 200));

    await call.start({ first: 'blue' });
    await waitFor((view) => view.waitingFor?.kind === 'user' && view.waitingFor.env === 'blue');
    expect((await control.getState()).environments.map((env) => [env.name, env.weight, env.drained])).toEqual([['blue', 0, true], ['green', 100, false]]);
    await redeploy(blue, 'blue');
    await call.next();
    await waitFor((view) => view.waitingFor?.kind === 'user' && view.waitingFor.env === 'green');
    expect((await control.getState()).environments.map((env) => env.weight)).toEqual([100, 0]);
    await redeploy(green, 'green');
    await call.next();
    await waitFor((view) => view.status !== 'running');
    await new Promise((resolve) => setTimeout(resolve, 200));
    const result = await load.stop();

    expect((await call.view()).status).toBe('done');
    expect(result.failures).toEqual([]);
    expect(result.ok).toBeGreaterThan(100);
    expect(Object.keys(result.servedBy).sort()).toEqual(['blue', 'green']);
    const state = await control.getState();
    expect(state.environments.map((env) => env.weight)).toEqual([70, 30]);
    expect(state.profile.restoreWeights).toBeNull();
    expect(state.flow?.status).toBe('done');
    const flowEntries = (await control.getHistory({ limit: 100, kind: 'flow' })).entries.map((entry) => entry.action).reverse();
    expect(flowEntries).toEqual(['start blue-green, blue first', 'drain blue', 'update blue', 'verify blue', 'swap', 'drain green', 'update green', 'verify green', 'restore', 'done']);
    expect(notices.map((notice) => notice.level)).toEqual(['info']);
  }, 40_000);

  it('rolls a ramp back by itself when the new side answers 500 to one request in five', async () => {
    let count = 0;
    const faulty: http.RequestListener = (req, res) => {
      const fail = req.url !== '/health' && ++count % 5 === 0;
      res.writeHead(fail ? 500 : 200, { 'content-type': 'text/plain' });
      res.end(fail ? 'boom' : 'blue v2');
    };
    const { control, store, url, blue, call, waitFor, redeploy, notices } = await setup();
    const load = startSteadyLoad(url, 4, 30_000);
    await call.start({ first: 'blue', plan: { steps: [{ weight: 50, holdMs: 20_000 }, { weight: 100 }], guard: { windowSeconds: 2, minRequests: 20 } } });
    await waitFor((view) => view.waitingFor?.kind === 'user');
    await redeploy(blue, 'blue', faulty);
    await call.next();
    await waitFor((view) => view.waitingFor?.kind === 'hold');
    expect((await control.getState()).environments.map((env) => env.weight)).toEqual([50, 50]);
    await waitFor((view) => view.status !== 'running', 10_000);
    await load.stop();

    const view = await call.view();
    expect(view.status).toBe('rolled-back');
    expect(view.reason).toMatch(/^guard: blue error rate \d+\.\d % over the limit of 5\.0 %$/);
    expect((await control.getState()).environments.map((env) => env.weight)).toEqual([0, 100]);
    const breach = (await control.getHistory({ limit: 20, kind: 'flow' })).entries.find((entry) => entry.action === 'guard breach');
    expect(breach?.source).toBe('auto');
    expect(notices.at(-1)).toMatchObject({ level: 'warning', message: expect.stringContaining('rolled-back: guard: blue error rate') });
    // The ratio to restore stays stored: the next update ends there.
    expect(store.profiles.active()?.restoreWeights).toEqual({ blue: 50, green: 50 });
  }, 40_000);

  it('aborts to the safe ratio even after a ratio set by hand during the update, and records that ratio', async () => {
    const { control, call, waitFor, notices } = await setup();
    await call.start({ first: 'blue' });
    await waitFor((view) => view.waitingFor?.kind === 'user' && view.waitingFor.env === 'blue');
    await control.setRatio({ weights: { blue: 30, green: 70 } }, { source: 'cli' });
    const aborted = await control.updateAbort({}, { source: 'cli' });
    expect(aborted.status).toBe('aborted');
    // Blue's update had begun: the safe ratio keeps it at 0, whatever was set by hand meanwhile.
    expect((await control.getState()).environments.map((env) => env.weight)).toEqual([0, 100]);
    const flowEntries = (await control.getHistory({ limit: 100, kind: 'flow' })).entries.map((entry) => entry.action);
    expect(flowEntries).toContain('ratio set by hand during the update');
    expect(notices.some((notice) => /set by hand to 30 … 70/.test(notice.message))).toBe(true);
  }, 20_000);
});
