import { spawn, type ChildProcess } from 'node:child_process';
import net from 'node:net';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ProfileSummary } from '../../shared/contract/methods';
import type { TurnoutState } from '../../shared/contract/state';
import { eventually } from '../support/data-plane';
import { freePort } from '../support/ports';
import { makeTempDir } from '../support/temp-dir';
import { cliAgainst, startServe, type ServeProcess } from '../support/turnout-process';

const TOKEN = 'cli-adopt-token';
const APP = path.resolve(import.meta.dirname, '../fixtures/managed-app/app.mjs');

/**
 * `turnout adopt` as a user runs it: an Express app already serving (started by hand), the
 * built CLI against `turnout serve`. Errors are one line and leave no profile and no process.
 */
describe('turnout adopt (child processes)', () => {
  let temp: ReturnType<typeof makeTempDir>;
  let serve: ServeProcess;
  let running: ChildProcess;
  let appPort: number;
  const { cli, ok } = cliAgainst(() => serve.adminUrl, TOKEN);
  const api = async <T>(method: string, body: unknown = {}): Promise<T> =>
    (await (await fetch(`${serve.adminUrl}/api/v1/${method}`, { method: 'POST', headers: { authorization: `Bearer ${TOKEN}`, 'content-type': 'application/json' }, body: JSON.stringify(body) })).json()) as T;
  const profileNames = async () => (await api<ProfileSummary[]>('listProfiles')).map((profile) => profile.name).sort();
  const answers = (port: number) => fetch(`http://127.0.0.1:${port}/health`).then((response) => response.ok, () => false);

  beforeAll(async () => {
    temp = makeTempDir();
    appPort = await freePort();
    running = spawn(process.execPath, [APP], { env: { ...process.env, PORT: String(appPort), APP_NAME: 'original' }, stdio: 'ignore' });
    expect(await eventually(() => answers(appPort), 10_000)).toBe(true);
    serve = await startServe(['--db', path.join(temp.dir, 'turnout.db'), '--listen', '127.0.0.1:0', '--admin', '127.0.0.1:0'], { TURNOUT_TOKEN: TOKEN });
  });

  afterAll(async () => {
    await serve?.stop();
    running?.kill('SIGTERM');
    temp?.cleanup();
  });

  it('refuses, in one line and leaving nothing behind: a URL that does not answer, a clone that fails or never answers, a taken port', async () => {
    const before = await profileNames();
    const dead = await freePort();
    const noAnswer = await cli('adopt', `http://127.0.0.1:${dead}`);
    expect([noAnswer.code, noAnswer.stderr]).toEqual([1, `turnout: http://127.0.0.1:${dead} does not answer GET / (ECONNREFUSED): start the app first, or name a path that answers with --health\n`]);

    const failing = await cli('adopt', `http://127.0.0.1:${appPort}`, '--clone', `FAIL_START=1 APP_NAME=clone node ${APP}`, '--health', '/health');
    expect(failing.code).toBe(1);
    expect(failing.stderr).toBe('turnout: the clone command exited (code 3); its last lines: clone: refusing to start (FAIL_START=1)\n');

    const silent = await cli('adopt', `http://127.0.0.1:${appPort}`, '--clone', 'echo booting; sleep 30', '--timeout', '2');
    expect(silent.code).toBe(1);
    expect(silent.stderr).toMatch(/^turnout: the clone command did not answer GET \/ at http:\/\/127\.0\.0\.1:(\d+) within 2 s; its last lines: booting\n$/);
    // The trial clone was stopped: its whole process group (the sleep too) is gone.
    const triedPort = Number(/127\.0\.0\.1:(\d+)/.exec(silent.stderr)![1]);
    expect(await answers(triedPort)).toBe(false);

    const holder = net.createServer();
    const held = await new Promise<number>((resolve) => holder.listen(0, '127.0.0.1', () => resolve((holder.address() as net.AddressInfo).port)));
    const taken = await cli('adopt', `http://127.0.0.1:${appPort}`, '--listen', `127.0.0.1:${held}`);
    holder.close();
    expect([taken.code, taken.stderr]).toEqual([1, `turnout: 127.0.0.1:${held} is already in use: stop what holds it or pick another port\n`]);
    const own = await cli('adopt', `http://127.0.0.1:${appPort}`, '--listen', `127.0.0.1:${appPort}`);
    expect(own.stderr).toMatch(/^turnout: 127\.0\.0\.1:\d+ is the app's own address and it still listens there: give the app another port first/);

    expect(await profileNames()).toEqual(before);
    expect((await api<TurnoutState>('getState')).profile.name).toBe('Demo');
  });

  it('adopts the running app as blue, starts green from the clone command, and the proxy serves both', async () => {
    const out = await ok('adopt', `http://127.0.0.1:${appPort}`, '--clone', `APP_NAME=clone-{name} node ${APP}`, '--name', 'Mine', '--health', '/health');
    const proxy = /^Proxy: (http:\/\/\S+)$/m.exec(out)?.[1];
    expect(out).toMatch(new RegExp(`^Adopted http://127\\.0\\.0\\.1:${appPort} as blue in profile "Mine" \\(now active\\)\\.\\ngreen: http://127\\.0\\.0\\.1:\\d+ \\(run by Turnout, healthy\\)\\nProxy: http://`));
    expect(out).toMatch(/Move clients over: point them at http:\/\/\S+ instead of/);
    const state = await api<TurnoutState>('getState');
    expect([state.profile.name, state.proxy.url, state.environments.map((env) => [env.name, env.weight])]).toEqual(['Mine', proxy, [['blue', 100], ['green', 0]]]);
    expect(state.managed!.map((view) => [view.name, view.state])).toEqual([['green', 'running']]);
    // The app's name, or the proxy's own answer while no environment can take the request.
    const served = async () => {
      const text = await (await fetch(`${proxy}/`)).text();
      return text.startsWith('{') ? (JSON.parse(text) as { name: string }).name : text;
    };
    expect(await served()).toBe('original');
    await ok('ratio', 'blue=0', 'green=100');
    expect(await eventually(async () => (await served()) === 'clone-green', 10_000)).toBe(true);
  });
});
