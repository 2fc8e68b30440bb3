import type http from 'node:http';
import { afterEach, describe, expect, it } from 'vitest';
import type { FlowView } from '../../../shared/contract/flow';
import type { MethodArgs } from '../../../shared/contract/methods';
import { methods } from '../../../shared/contract/methods';
import { startBackend } from '../../support/backends';
import { startControl } from '../../support/control-fixture';
import { eventually, FAST_HEALTH } from '../../support/data-plane';
import { makeTempDir } from '../../support/temp-dir';

/** Both versions answer the same JSON: the shadow finds nothing to tell apart. */
const same: http.RequestListener = (req, res) => {
  res.writeHead(200, { 'content-type': 'application/json' });
  res.end(JSON.stringify({ ok: true, path: req.url }));
};

/**
 * The guided update's shadow gate end to end in one process (real control service, store,
 * proxy, backends): after verify, live requests are shadowed to the updated side (still at 0)
 * and the update goes on only if the answers match; otherwise it fails into the safe ratio.
 */
describe('update flow: the shadow gate', () => {
  const cleanup: (() => Promise<void> | void)[] = [];
  afterEach(async () => {
    for (const step of cleanup.reverse()) await step();
    cleanup.length = 0;
  });

  async function run(handler: http.RequestListener | undefined, gate: NonNullable<MethodArgs<'updateStart'>['shadowGate']>, midway?: (control: Awaited<ReturnType<typeof startControl>>['control']) => Promise<void>) {
    const temp = makeTempDir();
    const blue = await startBackend('blue', handler);
    const green = await startBackend('green', handler);
    const { control, url, stop } = await startControl(temp.dir, { blue: blue.url, green: green.url }, { name: 'Gate', health: { ...FAST_HEALTH, path: '/health' } });
    cleanup.push(temp.cleanup, stop, () => blue.close(), () => green.close());
    const view = async () => (await control.getUpdate({}, { source: 'cli' }))!;
    const waitFor = async (check: (view: FlowView) => boolean, ms = 10_000) => {
      expect(await eventually(async () => check(await view()), ms, 20), JSON.stringify(await view(), null, 1)).toBe(true);
    };
    await control.updateStart(methods.updateStart.input.parse({ first: 'blue', smoke: null, shadowGate: gate }), { source: 'cli' });
    await waitFor((v) => v.waitingFor?.kind === 'user');
    await control.updateNext({ manual: false }, { source: 'cli' });
    await waitFor((v) => v.waitingFor?.kind === 'shadow');
    expect((await control.getState()).environments.map((env) => [env.name, env.weight])).toEqual([['blue', 0], ['green', 100]]);
    // Live traffic (all on green) while the gate waits: its copies go to green and blue.
    let sent = 0;
    while ((await view()).waitingFor?.kind === 'shadow' && sent < 200) {
      await fetch(`${url}/items/${sent++}`).then((response) => response.text());
      if (sent === 3 && midway) await midway(control);
    }
    return { control, view, waitFor };
  }

  it('goes on when the updated side answers the same', async () => {
    const { view, control, waitFor } = await run(same, { requests: 10, maxMismatchRate: 0 });
    const after = await view();
    expect(after.status).toBe('running');
    const verify = after.steps.find((s) => s.kind === 'verify' && s.env === 'blue')!;
    expect(verify.state).toBe('done');
    expect(after.steps[after.current]!.kind).not.toBe('verify');
    const shadow = await control.shadowStatus({}, { source: 'cli' });
    expect([shadow.active, shadow.environment, shadow.compared >= 10, shadow.routes.map((route) => [route.route, route.mismatches])]).toEqual([false, 'blue', true, [['GET /items/:id', 0]]]);
    // Green, updated after the swap, is verified without a gate (it guards the swap only): the update ends.
    await waitFor((v) => v.waitingFor?.kind === 'drained' && v.waitingFor.env === 'green');
    await control.updateNext({ manual: false }, { source: 'cli' });
    await waitFor((v) => v.waitingFor?.kind === 'user' && v.waitingFor.env === 'green');
    await control.updateNext({ manual: false }, { source: 'cli' });
    await waitFor((v) => v.status === 'done');
    expect((await view()).steps.map((s) => s.label)).toContain('Verify green');
  }, 30_000);

  it('takes the shadow back when someone points it at another environment by hand during the gate', async () => {
    let pointed = 0;
    const { view, control, waitFor } = await run(same, { requests: 10, maxMismatchRate: 0 }, async (control) => {
      await control.shadowStart({ environment: 'green', percent: 50 }, { source: 'cli' });
      pointed = (await control.shadowStatus({}, { source: 'cli' })).compared;
    });
    expect(pointed).toBe(0);
    // The gate passed; the swap follows on the machine's next turn, not in the same instant.
    await waitFor((v) => v.steps.find((s) => s.kind === 'swap')!.state === 'done');
    expect((await view()).status).toBe('running');
    const history = (await control.getHistory({ limit: 50, kind: 'flow' })).entries.map((entry) => [entry.action, entry.after]);
    expect(history).toContainEqual(['verify blue', expect.stringMatching(/^shadow gate passed: 0 of (1\d|[2-9]\d) differ/)]);
    const shadow = await control.shadowStatus({}, { source: 'cli' });
    expect([shadow.environment, shadow.percent]).toEqual(['blue', 100]);
  }, 30_000);

  it('is refused at the start, in one line and with nothing stored, where the shadow cannot run (recording off)', async () => {
    const temp = makeTempDir();
    const blue = await startBackend('blue');
    const green = await startBackend('green');
    const { control, stop } = await startControl(temp.dir, { blue: blue.url, green: green.url }, { name: 'NoRecords', health: { ...FAST_HEALTH, path: '/health' }, extra: { proxy: { inspect: { enabled: false } } } });
    cleanup.push(temp.cleanup, stop, () => blue.close(), () => green.close());
    const input = methods.updateStart.input.parse({ first: 'blue', shadowGate: { requests: 10 } });
    await expect(control.updateStart(input, { source: 'cli' })).rejects.toThrow(/^shadow gate: shadow copies are taken from request records: turn recording on \(turnout profile edit NAME --record on\)$/);
    expect([await control.getUpdate({}, { source: 'cli' }), (await control.getState()).environments.map((env) => env.weight)]).toEqual([null, [50, 50]]);
    expect((await control.getHistory({ limit: 10, kind: 'flow' })).entries).toEqual([]);
  }, 30_000);

  it('fails into the safe ratio when the updated side answers differently', async () => {
    // Default backends answer their own names: every pair differs.
    const { control, view } = await run(undefined, { requests: 10, maxMismatchRate: 0.05 });
    const after = await view();
    expect(after.status).toBe('failed');
    expect(after.reason).toMatch(/^shadow gate: \d+ of \d+ differ \(100\.0 %\), p99 [\d.]+ ms; at most 5\.0 % may differ$/);
    expect((await control.getState()).environments.map((env) => [env.name, env.weight])).toEqual([['blue', 0], ['green', 100]]);
    expect((await control.shadowStatus({}, { source: 'cli' })).active).toBe(false);
  }, 30_000);
});
