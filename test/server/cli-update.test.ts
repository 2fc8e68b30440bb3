import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FlowView } from '../../shared/contract/flow';
import type { TurnoutState } from '../../shared/contract/state';
import { makeTempDir } from '../support/temp-dir';
import { runCliInProcess } from '../support/cli-in-process';
import { cliAgainst, startServeWithBackends, type ServeProcess, type ServeWithBackends } from '../support/turnout-process';

const TOKEN = 'cli-update-token';

describe('turnout update (child processes)', () => {
  let temp: ReturnType<typeof makeTempDir>;
  let serve: ServeProcess;
  const { ok } = cliAgainst(() => serve.adminUrl, TOKEN);
  /** In-process, for the quick refusals: each child process costs seconds of TypeScript loading here. */
  const inProcess = async (...args: string[]) => {
    const { code, out, err } = await runCliInProcess(args, serve.adminUrl, TOKEN);
    return { code, stdout: out, stderr: err };
  };

  let running: ServeWithBackends;
  beforeAll(async () => {
    temp = makeTempDir();
    running = await startServeWithBackends(temp.dir, TOKEN, ['--ratio', '80:20']);
    serve = running.serve;
  }, 30_000);

  afterAll(async () => {
    await running?.stop();
    temp?.cleanup();
  });

  it('status, start, next and abort drive the flow; mistakes are usage errors or conflicts', async () => {
    expect(await inProcess('update', 'status')).toMatchObject({ code: 0, stdout: expect.stringMatching(/^No update has run/) });
    expect(await inProcess('update', 'next')).toMatchObject({ code: 1, stderr: 'turnout: no update is running' });
    expect(await inProcess('update', 'start', 'blue', '--ramp', '5@1x,100')).toMatchObject({ code: 2 });
    expect((await inProcess('update', 'start', 'blue', '--ramp', '50,25,100')).stderr).toMatch(/steps\.1\.weight: must be more than the step before \(50\)/);

    const started = JSON.parse(await ok('update', 'start', 'blue', '--json')) as FlowView;
    expect(started).toMatchObject({ status: 'running', first: 'blue', restoreWeights: { blue: 80, green: 20 }, waitingFor: { kind: 'user', env: 'blue' } });
    expect(await inProcess('update', 'start', 'green')).toMatchObject({ code: 1, stderr: expect.stringMatching(/already running/) });
    const status = await ok('update', 'status');
    expect(status).toContain('[x] Drain blue  0 … 100');
    expect(status).toContain('[>] Update blue\n      waiting for user: blue is drained and safe to update');
    expect(status).toContain('Next: turnout update next');

    const verified = JSON.parse(await ok('update', 'next', '--json')) as FlowView;
    expect(verified.steps[1]!.state).toBe('done');
    const aborted = await ok('update', 'abort', '--reason', 'testing');
    expect(aborted).toMatch(/^Update \(blue-green, blue first\): aborted \(testing\)/);
    const state = JSON.parse((await inProcess('status', '--json')).stdout) as TurnoutState;
    // Blue counts as updated: the abort never sends traffic back to the old mix. Child processes
    // are slow here, so verify may have passed and the swap run meanwhile: then blue has it all.
    expect(state.flow?.status).toBe('aborted');
    expect([[0, 100], [100, 0]]).toContainEqual(state.environments.map((env) => env.weight));
    expect(state.environments.map((env) => env.weight)).toEqual(Object.values(state.flow!.safeWeights));
    expect((await inProcess('history', '--kind', 'flow')).stdout).toMatch(/cli\s+Local\s+flow aborted/);
  }, 60_000);

  it('--hold-while adds a held step before the swap; its timeout is checked before anything starts', async () => {
    expect(await inProcess('update', 'start', 'blue', '--hold-timeout', '5s')).toMatchObject({ code: 2, stderr: expect.stringContaining('--hold-timeout needs --hold-while') });
    expect((await inProcess('update', 'start', 'blue', '--hold-while', 'true', '--hold-timeout', '20m')).stderr).toMatch(/heldStep\.timeoutMs: must be at most 595000/);
    expect((await inProcess('update', 'status')).stdout).toMatch(/aborted \(testing\)/);

    const started = await inProcess('update', 'start', 'blue', '--hold-while', 'npm run migrate', '--hold-timeout', '45s', '--json');
    const view = JSON.parse(started.stdout) as FlowView;
    expect(view.steps.map((step) => step.kind)).toEqual(['drain', 'update', 'verify', 'held', 'swap', 'drain', 'update', 'verify', 'restore']);
    expect((await inProcess('update', 'status')).stdout).toContain('[ ] Hold traffic and run "npm run migrate"\n  [ ] Swap: all traffic to blue');
    expect((await inProcess('update', 'abort')).code).toBe(0);
  }, 30_000);
});
