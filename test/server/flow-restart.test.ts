import { afterEach, describe, expect, it } from 'vitest';
import type { FlowView } from '../../shared/contract/flow';
import type { ContractClient } from '../../shared/contract/methods';
import { startBackend, type Backend } from '../support/backends';
import { makeTempDir } from '../support/temp-dir';
import { RestartableServe } from '../support/restartable-serve';


/**
 * A running update survives Turnout's own crash: `turnout serve` is killed with SIGKILL at
 * each kind of step and started again on the same database; the update is where it was,
 * at the ratio it had set, and `next` and `abort` go on from there.
 */
describe('a running update across kill -9 of turnout serve (real processes)', () => {
  const token = 'flow-restart-token';
  let temp: ReturnType<typeof makeTempDir>;
  let backends: Backend[] = [];
  let turnout: RestartableServe | undefined;
  afterEach(async () => {
    await turnout?.stop();
    turnout = undefined;
    for (const backend of backends) await backend.close();
    backends = [];
    temp.cleanup();
  });

  async function setup(routing: 'sticky' | 'round-robin'): Promise<ContractClient> {
    temp = makeTempDir('turnout-flow-restart-');
    backends = [await startBackend('blue'), await startBackend('green')];
    turnout = new RestartableServe(temp.dir, token);
    const admin = await turnout.boot(['--backend', `blue=${backends[0]!.url}`, '--backend', `green=${backends[1]!.url}`, '--ratio', '60:40', '--routing', routing]);
    const { profile } = await admin.getProfile({});
    const health = { intervalMs: 100, timeoutMs: 1000, rise: 2, fall: 3 };
    await admin.updateProfile({ name: profile.name, profile: { ...profile, environments: profile.environments.map((env) => ({ ...env, health: { ...env.health, ...health } })) } });
    return admin;
  }
  const weights = async (admin: ContractClient) => (await admin.getState({})).environments.map((env) => env.weight);
  const waitFor = async (admin: ContractClient, check: (view: FlowView) => boolean): Promise<FlowView> => {
    await expect.poll(async () => check((await admin.getUpdate({}))!), { timeout: 10_000, interval: 50 }).toBe(true);
    return (await admin.getUpdate({}))!;
  };

  it('resumes a drain, a wait for the user, a verify and the swap; next and abort work after each restart', async () => {
    let admin = await setup('sticky');
    await admin.updateStart({ first: 'blue', sessionWindowMs: 600_000, graceMs: 600_000, deadlineMs: 600_000 });
    await waitFor(admin, (view) => view.waitingFor?.kind === 'drained');

    admin = await turnout!.crashAndRestart();
    const drained = await waitFor(admin, (view) => view.waitingFor?.kind === 'drained');
    expect([drained.status, drained.waitingFor!.env, await weights(admin)]).toEqual(['running', 'blue', [0, 100]]);
    // The window was stored with the flow: still 10 minutes away, not restarted from zero.
    expect(drained.waitingFor!.drain!.sessionsAt - drained.startedAt).toBe(600_000);
    await admin.updateNext({ manual: false });
    await waitFor(admin, (view) => view.waitingFor?.kind === 'user');

    admin = await turnout!.crashAndRestart();
    const user = await waitFor(admin, (view) => view.waitingFor?.kind === 'user');
    expect([user.waitingFor!.env, await weights(admin)]).toEqual(['blue', [0, 100]]);
    await admin.updateNext({ manual: false });
    await waitFor(admin, (view) => view.steps[view.current]?.kind !== 'update');

    admin = await turnout!.crashAndRestart();
    // Verify (or, on a fast machine, already past it): either way it goes on to the swap and Green's drain.
    const afterSwap = await waitFor(admin, (view) => view.waitingFor?.kind === 'drained' && view.waitingFor.env === 'green');
    expect(afterSwap.steps.filter((s) => s.state === 'done').map((s) => s.label)).toEqual(['Drain blue', 'Update blue', 'Verify blue', 'Swap: all traffic to blue']);
    expect(await weights(admin)).toEqual([100, 0]);

    admin = await turnout!.crashAndRestart();
    await waitFor(admin, (view) => view.waitingFor?.kind === 'drained' && view.waitingFor.env === 'green');
    const aborted = await admin.updateAbort({ reason: 'after four crashes' });
    expect([aborted.status, await weights(admin)]).toEqual(['aborted', [100, 0]]);
    const history = (await admin.getHistory({ limit: 100, kind: 'flow' })).entries.map((entry) => entry.action);
    expect(history.filter((action) => action === 'resumed after a restart')).toHaveLength(4);

    // Ended updates are not resumed.
    admin = await turnout!.crashAndRestart();
    expect(await admin.getUpdate({})).toBeNull();
  }, 90_000);

  it('resumes a ramp\'s hold with a fresh guard window, and fails a step whose command died with the old process', async () => {
    let admin = await setup('round-robin');
    await admin.updateStart({ first: 'blue', plan: { steps: [{ weight: 30, holdMs: 600_000 }, { weight: 100 }] } });
    await waitFor(admin, (view) => view.waitingFor?.kind === 'user');
    await admin.updateNext({ manual: false });
    await waitFor(admin, (view) => view.waitingFor?.kind === 'hold');

    admin = await turnout!.crashAndRestart();
    const hold = await waitFor(admin, (view) => view.waitingFor?.kind === 'hold');
    expect([hold.waitingFor!.env, await weights(admin)]).toEqual(['blue', [30, 70]]);
    const rolledBack = await admin.updateAbort({});
    expect([rolledBack.status, await weights(admin)]).toEqual(['aborted', [0, 100]]);

    const { profile } = await admin.getProfile({});
    await admin.updateProfile({ name: profile.name, profile: { ...profile, update: { ...profile.update, commands: { blue: { command: 'sleep 5', confirmed: true } } } } });
    await admin.setRatio({ weights: { blue: 60, green: 40 } });
    await admin.updateStart({ first: 'blue' });
    await waitFor(admin, (view) => view.waitingFor?.kind === 'command');
    admin = await turnout!.crashAndRestart();
    const failed = await waitFor(admin, (view) => view.status !== 'running');
    expect([failed.status, failed.reason]).toEqual(['failed', 'the update command for blue was interrupted by a restart of Turnout']);
    expect(await weights(admin)).toEqual([0, 100]);
  }, 90_000);

  it('a restart during the held step comes back holding, then ends the update at the safe ratio and releases the held requests there', async () => {
    let admin = await setup('round-robin');
    await admin.updateStart({ first: 'blue', heldStep: { command: 'sleep 8', timeoutMs: 60_000 } });
    await waitFor(admin, (view) => view.waitingFor?.kind === 'user');
    await admin.updateNext({ manual: false });
    await waitFor(admin, (view) => view.waitingFor?.held?.phase === 'running');
    expect((await admin.getState({})).pause).toMatchObject({ mode: 'hold', timeoutMs: 65_000 });

    admin = await turnout!.crashAndRestart();
    const failed = await waitFor(admin, (view) => view.status !== 'running');
    expect([failed.status, failed.reason]).toEqual(['failed', 'the held step ("sleep 8") was interrupted by a restart of Turnout']);
    // Not dropped in silence and not left forever: the stored hold came back, and the flow lifted it.
    await expect.poll(async () => (await admin.getState({})).pause, { timeout: 10_000, interval: 50 }).toBeNull();
    const history = (await admin.getHistory({ limit: 20 })).entries.map((entry) => `${entry.source} ${entry.action}`);
    expect(history.slice(0, 6)).toEqual(expect.arrayContaining(['auto resume', 'auto failed', 'auto resumed after a restart']));
    expect(await weights(admin)).toEqual([0, 100]);
    const { proxy } = await admin.getState({});
    const answer = await fetch(proxy.url);
    expect([answer.status, await answer.text()]).toEqual([200, 'green']);
  }, 90_000);
});
