import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ProfileDetail } from '../../shared/contract/methods';
import { runCliInProcess } from '../support/cli-in-process';
import { startTurnoutFixture, type TurnoutFixture } from '../support/turnout-fixture';
import { getOnNewConnection, tally } from '../support/backends';
import { makeTempDir } from '../support/temp-dir';
import { cliAgainst, runCli, startServeWithBackends, type ServeWithBackends } from '../support/turnout-process';

const TOKEN = 'cli-workers-token';
const BACKENDS = ['--backend', 'blue=http://127.0.0.1:3001', '--backend', 'green=http://127.0.0.1:3002'];

// Only inactive profiles get workers here: the flags and what is stored are under test, not the worker processes.
describe('turnout profile --workers: proxy worker processes of the embedded engine', () => {
  let fixture: TurnoutFixture;
  const cli = (...args: string[]) => runCliInProcess(args, fixture.turnout.adminUrl, TOKEN);
  const planeOf = async (name: string) => (JSON.parse((await cli('profile', 'show', name, '--json')).out) as ProfileDetail).profile.dataPlane;

  beforeAll(async () => {
    fixture = await startTurnoutFixture({ token: TOKEN });
  });

  afterAll(async () => {
    await fixture?.stop();
  });

  it('create --workers 2 stores an embedded engine with two workers, and show says so', async () => {
    const created = await cli('profile', 'create', 'Multi', ...BACKENDS, '--listen', '127.0.0.1:18901', '--workers', '2');
    expect(created.code).toBe(0);
    expect(created.out).toContain('Engine  embedded · 2 worker processes\n');
    expect(await planeOf('Multi')).toEqual({ kind: 'embedded', workers: 2 });
    expect((await cli('profile', 'show', 'Multi')).out).toMatch(/^Engine {2}embedded · 2 worker processes$/m);
  });

  it('a profile with one worker shows the bare engine, and the published state says 1 worker', async () => {
    expect((await cli('profile', 'show')).out).toMatch(/^Engine {2}embedded$/m);
    expect((await fixture.turnout.control.getState()).profile.dataPlane).toEqual({ kind: 'embedded', warning: null, problem: null, workers: 1 });
  });

  it('edit: --workers alone is a change and keeps the engine; other edits and --data-plane embedded keep the count', async () => {
    expect((await cli('profile', 'edit', 'Multi', '--workers', '4')).code).toBe(0);
    expect(await planeOf('Multi')).toEqual({ kind: 'embedded', workers: 4 });
    expect((await cli('profile', 'edit', 'Multi', '--routing', 'sticky')).code).toBe(0);
    expect((await cli('profile', 'edit', 'Multi', '--data-plane', 'embedded')).code).toBe(0);
    expect(await planeOf('Multi')).toEqual({ kind: 'embedded', workers: 4 });
    // One worker is stored as no field at all: the same mode as a profile that never had workers.
    expect((await cli('profile', 'edit', 'Multi', '--workers', '1')).out).toMatch(/^Engine {2}embedded$/m);
    expect(await planeOf('Multi')).toEqual({ kind: 'embedded' });
  });

  it('switching to an external engine drops the workers; back to embedded starts from one', async () => {
    await cli('profile', 'edit', 'Multi', '--workers', '3');
    expect((await cli('profile', 'edit', 'Multi', '--data-plane', 'haproxy')).code).toBe(0);
    expect(await planeOf('Multi')).toEqual({ kind: 'haproxy' });
    const refused = await cli('profile', 'edit', 'Multi', '--workers', '2');
    expect([refused.code, refused.err]).toEqual([2, 'turnout: --workers applies only to the embedded engine; "Multi" uses haproxy (add --data-plane embedded to switch) (see --help)']);
    expect((await cli('profile', 'edit', 'Multi', '--data-plane', 'embedded', '--workers', '2')).code).toBe(0);
    expect(await planeOf('Multi')).toEqual({ kind: 'embedded', workers: 2 });
  });

  it('refuses --workers with an external engine and values out of range, as usage errors that change nothing', async () => {
    for (const engine of ['haproxy', 'nginx']) {
      const refused = await cli('profile', 'create', 'Nope', ...BACKENDS, '--data-plane', engine, '--workers', '2');
      expect([refused.code, refused.err]).toEqual([2, `turnout: --workers applies only to the embedded engine, not --data-plane ${engine} (see --help)`]);
    }
    for (const value of ['0', '65', '1.5', 'two', '-1', '']) {
      const refused = await cli('profile', 'edit', 'Multi', `--workers=${value}`);
      expect([refused.code, refused.err]).toEqual([2, `turnout: --workers must be a whole number from 1 to 64 or auto, got "${value}" (see --help)`]);
    }
    expect((await cli('profile', 'list')).out).not.toContain('Nope');
    expect(await planeOf('Multi')).toEqual({ kind: 'embedded', workers: 2 });
  });

  it('--workers auto stores "auto" (one worker per CPU core of the machine Turnout runs on), and show says so', async () => {
    const created = await cli('profile', 'create', 'PerCore', ...BACKENDS, '--listen', '127.0.0.1:18903', '--workers', 'auto');
    expect(created.code).toBe(0);
    expect(created.out).toContain('Engine  embedded · a worker process per CPU core\n');
    expect(await planeOf('PerCore')).toEqual({ kind: 'embedded', workers: 'auto' });
  });

  it('documents the flag in create and edit help', async () => {
    for (const command of ['create', 'edit']) {
      expect((await cli('profile', command, '--help')).out).toMatch(/--workers N\|auto +embedded engine only: .*1 to 64,\n.*or auto \(one per CPU core/);
    }
  });
});

describe('turnout serve --workers: the active profile on proxy worker processes from the start (real child process)', () => {
  const token = 'serve-workers-token';
  let temp: ReturnType<typeof makeTempDir>;
  let running: ServeWithBackends | undefined;

  afterAll(async () => {
    await running?.stop();
    temp?.cleanup();
  });

  it('stores the count, says so at start, and serves through the workers', async () => {
    temp = makeTempDir();
    running = await startServeWithBackends(temp.dir, token, ['--workers', '2']);
    expect(running.serve.output()).toMatch(/^Proxy {3}http:\/\/127\.0\.0\.1:\d+ {2}\(2 worker processes\)$/m);
    const { ok } = cliAgainst(() => running!.serve.adminUrl, token);
    expect(JSON.parse(await ok('profile', 'show', '--json')).profile.dataPlane).toEqual({ kind: 'embedded', workers: 2 });
    const answers = await Promise.all(Array.from({ length: 4 }, () => getOnNewConnection(running!.serve.proxyUrl)));
    expect(tally(answers.map((answer) => answer.servedBy))).toEqual({ blue: 2, green: 2 });
  });

  it('refuses a bad count before anything starts', async () => {
    const refused = await runCli(['serve', '--db', path.join(temp.dir, 'other.db'), '--workers', 'lots']);
    expect([refused.code, refused.stderr.trim()]).toEqual([2, 'turnout: --workers must be a whole number from 1 to 64 or auto, got "lots" (see --help)']);
  });
});
