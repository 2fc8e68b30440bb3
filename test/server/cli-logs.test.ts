import { spawn } from 'node:child_process';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningTurnout } from '../../electron/server/app';
import { dispatch } from '../../shared/contract/dispatch';
import { runCliInProcess } from '../support/cli-in-process';
import { eventually, FAST_HEALTH } from '../support/data-plane';
import { freePort } from '../support/ports';
import { makeTempDir } from '../support/temp-dir';
import { startTurnoutIn } from '../support/turnout-fixture';
import { REPO_ROOT } from '../support/turnout-process';

const TOKEN = 'cli-logs-token';
const APP = path.resolve(import.meta.dirname, '../fixtures/managed-app/app.mjs');

/** `turnout logs` and `turnout env` against a running Turnout that runs two real Express apps. */
describe('turnout logs / env (managed environments)', () => {
  let temp: ReturnType<typeof makeTempDir>;
  let turnout: RunningTurnout;
  let bluePort: number;
  const cli = (...args: string[]) => runCliInProcess(args, turnout.adminUrl, TOKEN);

  beforeAll(async () => {
    temp = makeTempDir();
    [bluePort] = [await freePort()];
    const greenPort = await freePort();
    turnout = await startTurnoutIn(temp.dir, TOKEN, [`blue=http://127.0.0.1:${bluePort}`, `green=http://127.0.0.1:${greenPort}`]);
    const { profile } = await turnout.control.getProfile({});
    const environments = profile.environments.map((env) => ({ ...env, health: { ...env.health, ...FAST_HEALTH, path: '/health', timeoutMs: 2000, fall: 3 }, run: { command: `node ${APP}`, confirmed: true } }));
    await dispatch(turnout.control, 'updateProfile', { name: profile.name, profile: { ...profile, environments } }, { source: 'cli' });
  });

  afterAll(async () => {
    await turnout?.stop();
    temp?.cleanup();
  });

  it('prints the last lines of an environment, and lists the managed ones', async () => {
    const logs = await cli('logs', 'blue', '--lines', '5');
    expect([logs.code, logs.err]).toEqual([0, '']);
    expect(logs.out).toMatch(new RegExp(`^\\d\\d:\\d\\d:\\d\\d\\.\\d{3} \\[turnout\\] starting: node ${APP.replace(/[.]/g, '\\.')}$`, 'm'));
    expect(logs.out).toMatch(new RegExp(`^\\S+ blue v1 listening on ${bluePort} \\(pid \\d+\\)$`, 'm'));
    const list = await cli('env', 'list');
    expect(list.out).toMatch(/^blue: running \(pid \d+\)\n {2}node .*app\.mjs\ngreen: running \(pid \d+\)/);
    const bad = await cli('logs', 'red');
    expect([bad.code, bad.err]).toEqual([1, 'turnout: "red" is not an environment Turnout runs (managed: blue, green)']);
    const usage = await cli('logs', 'blue', '--lines', '0');
    expect([usage.code, usage.err]).toEqual([2, 'turnout: --lines must be a whole number from 1 to 1000, got "0" (see --help)']);
  });

  it('follows new lines as the app writes them (the built CLI, until interrupted)', async () => {
    const child = spawn(process.execPath, [path.join(REPO_ROOT, 'bin', 'turnout.js'), 'logs', 'blue', '--follow', '--admin', turnout.adminUrl, '--token', TOKEN], { cwd: REPO_ROOT, stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    child.stdout.on('data', (chunk: Buffer) => (out += chunk.toString()));
    const exited = new Promise<number | null>((resolve) => child.on('close', resolve));
    expect(await eventually(() => out.includes('listening on'), 10_000)).toBe(true);
    await fetch(`http://127.0.0.1:${bluePort}/log-me?text=first-followed`);
    expect(await eventually(() => out.includes('blue says first-followed'), 5000)).toBe(true);
    await fetch(`http://127.0.0.1:${bluePort}/log-me?text=second-followed`);
    expect(await eventually(() => out.includes('blue says second-followed'), 5000)).toBe(true);
    // Each line once, in order.
    expect(out.split('\n').filter((line) => / blue says /.test(line)).map((line) => line.replace(/^\S+ /, ''))).toEqual(['blue says first-followed', 'blue says second-followed']);
    child.kill('SIGINT');
    expect(await exited).toBe(0);
  });
});
