import http from 'node:http';
import type { AddressInfo } from 'node:net';
import express from 'express';
import { afterEach, describe, expect, it } from 'vitest';
import type { FlowView } from '../../shared/contract/flow';
import type { ContractClient } from '../../shared/contract/methods';
import { makeTempDir } from '../support/temp-dir';
import { cliAgainst } from '../support/turnout-process';
import { RestartableServe } from '../support/restartable-serve';

interface App {
  url: string;
  close(): Promise<void>;
}

/** An Express JSON API; both versions answer the same data, so only a restart can stop the gate. */
async function expressApi(): Promise<App> {
  const app = express();
  app.get('/health', (_req, res) => void res.send('ok'));
  app.get('/items/:id', (req, res) => void res.json({ id: Number(req.params.id), name: `item ${req.params.id}`, tags: ['a', 'b'] }));
  const server = http.createServer(app);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    close: () => new Promise<void>((resolve) => (server.closeAllConnections(), server.close(() => resolve()))),
  };
}

/**
 * The shadow gate across `kill -9` of `turnout serve` (the built CLI, real processes, Express
 * backends): the flow is killed while it waits in the gate with some pairs compared; after the
 * restart the gate is still the active wait, its shadow runs again on the new data plane and
 * counts from 0 (the old results died with the old process), it passes on real traffic, and
 * `turnout update next` / `update abort` act on the resumed flow.
 */
describe('the shadow gate across kill -9 of turnout serve (real processes)', () => {
  const token = 'shadow-gate-restart-token';
  let temp: ReturnType<typeof makeTempDir>;
  let apps: App[] = [];
  let turnout: RestartableServe | undefined;
  const cli = cliAgainst(() => turnout!.process!.adminUrl, token);
  afterEach(async () => {
    await turnout?.stop();
    turnout = undefined;
    for (const app of apps) await app.close();
    apps = [];
    temp.cleanup();
  });

  async function setup(): Promise<ContractClient> {
    temp = makeTempDir('turnout-gate-restart-');
    apps = [await expressApi(), await expressApi()];
    turnout = new RestartableServe(temp.dir, token);
    // Sticky routing and a long session window: each drain waits for `update next`, so every wait
    // the test looks at stays until it acts (a drain with nothing open would otherwise end in a blink).
    const admin = await turnout.boot(['--backend', `blue=${apps[0]!.url}`, '--backend', `green=${apps[1]!.url}`, '--ratio', '60:40', '--routing', 'sticky']);
    const { profile } = await admin.getProfile({});
    const health = { path: '/health', intervalMs: 100, timeoutMs: 1000, rise: 2, fall: 3 };
    await admin.updateProfile({ name: profile.name, profile: { ...profile, environments: profile.environments.map((env) => ({ ...env, health: { ...env.health, ...health } })) } });
    return admin;
  }
  const weights = async (admin: ContractClient) => (await admin.getState({})).environments.map((env) => env.weight);
  const waitFor = async (admin: ContractClient, check: (view: FlowView) => boolean, timeout = 10_000): Promise<FlowView> => {
    await expect.poll(async () => check((await admin.getUpdate({}))!), { timeout, interval: 50 }).toBe(true);
    return (await admin.getUpdate({}))!;
  };
  /** Live GETs through the proxy until `enough` says stop (each one answered before the next). */
  async function traffic(admin: ContractClient, enough: () => Promise<boolean>, limit = 400): Promise<number> {
    const { proxy } = await admin.getState({});
    let sent = 0;
    while (!(await enough()) && sent < limit) {
      const answer = await fetch(`${proxy.url}/items/${sent++}`);
      expect(answer.status).toBe(200);
      await answer.text();
    }
    return sent;
  }
  async function intoTheGate(admin: ContractClient): Promise<void> {
    await admin.updateStart({ first: 'blue', sessionWindowMs: 600_000, graceMs: 600_000, deadlineMs: 600_000, shadowGate: { requests: 40, maxMismatchRate: 0, timeoutMs: 120_000 } });
    await waitFor(admin, (view) => view.waitingFor?.kind === 'drained');
    await cli.ok('update', 'next');
    await waitFor(admin, (view) => view.waitingFor?.kind === 'user');
    await cli.ok('update', 'next');
    await waitFor(admin, (view) => view.waitingFor?.kind === 'shadow');
    // Some pairs compared, not enough: the gate is half-way when the process dies.
    await traffic(admin, async () => (await admin.shadowStatus({})).compared >= 10);
    const half = await admin.getUpdate({});
    expect(half!.waitingFor!.kind).toBe('shadow');
  }

  it('resumes the gate with a fresh shadow, passes it on real traffic, and goes on; next and abort work after', async () => {
    let admin = await setup();
    await intoTheGate(admin);

    admin = await turnout!.crashAndRestart();
    const resumed = await waitFor(admin, (view) => view.waitingFor?.kind === 'shadow');
    expect([resumed.status, resumed.waitingFor!.env, await weights(admin)]).toEqual(['running', 'blue', [0, 100]]);
    // The shadow is running again in the new process, to blue, counting from nothing.
    const shadow = await admin.shadowStatus({});
    expect([shadow.active, shadow.environment, shadow.percent, shadow.compared]).toEqual([true, 'blue', 100, 0]);
    await waitFor(admin, (view) => /shadow gate, 0 of 40 requests compared/.test(view.waitingFor?.message ?? ''));
    expect((await cli.ok('update', 'status'))).toMatch(/shadow gate, 0 of 40 requests compared/);
    // Nothing for a person to confirm while the gate compares: one clear line, nothing changed.
    const early = await cli.cli('update', 'next');
    expect([early.code, early.stderr.trim().split('\n')]).toEqual([1, [expect.stringMatching(/nothing to confirm: the update is waiting for blue: shadow gate/)]]);

    const sent = await traffic(admin, async () => (await admin.getUpdate({}))!.waitingFor?.kind !== 'shadow');
    expect(sent).toBeGreaterThanOrEqual(40);
    const after = await waitFor(admin, (view) => view.waitingFor?.kind === 'drained' && view.waitingFor.env === 'green');
    expect(after.steps.filter((s) => s.state === 'done').map((s) => s.label)).toEqual(['Drain blue', 'Update blue', 'Verify blue, then shadow-compare 40 requests', 'Swap: all traffic to blue']);
    expect(await weights(admin)).toEqual([100, 0]);
    const done = await admin.shadowStatus({});
    expect([done.active, done.compared >= 40, done.routes.map((route) => [route.route, route.mismatches])]).toEqual([false, true, [['GET /items/:id', 0]]]);
    const history = (await admin.getHistory({ limit: 50, kind: 'flow' })).entries.map((entry) => [entry.action, entry.after]);
    expect(history).toContainEqual(['resumed after a restart', expect.stringMatching(/^blue: shadow gate, \d+ of 40 requests compared/)]);
    expect(history).toContainEqual(['verify blue', expect.stringMatching(/^shadow gate passed: 0 of \d+ differ \(0\.0 %\), p99 [\d.]+ ms$/)]);

    // The resumed flow takes `update next` (finish green's drain now) and `update abort` as ever.
    await cli.ok('update', 'next');
    await waitFor(admin, (view) => view.waitingFor?.kind === 'user' && view.waitingFor.env === 'green');
    await cli.ok('update', 'abort', '--reason', 'after the gate');
    const aborted = await admin.getUpdate({});
    expect([aborted!.status, aborted!.reason, await weights(admin)]).toEqual(['aborted', 'after the gate', [100, 0]]);
  }, 120_000);

  it('an abort of the resumed gate stops its shadow and goes back to the safe ratio', async () => {
    let admin = await setup();
    await intoTheGate(admin);

    admin = await turnout!.crashAndRestart();
    await waitFor(admin, (view) => view.waitingFor?.kind === 'shadow');
    expect((await admin.shadowStatus({})).active).toBe(true);
    await cli.ok('update', 'abort');
    const aborted = await admin.getUpdate({});
    expect([aborted!.status, await weights(admin), (await admin.shadowStatus({})).active]).toEqual(['aborted', [0, 100], false]);
    // Blue stays out of the traffic and out of the copies: every answer comes from green.
    const { proxy } = await admin.getState({});
    for (let i = 0; i < 5; i++) expect((await fetch(`${proxy.url}/items/${i}`)).status).toBe(200);
    expect((await admin.shadowStatus({})).sampled).toBe(0);
  }, 120_000);
});
