import fs from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CLI_COMMAND_FOR_METHOD } from '../../electron/server/cli';
import { METHOD_NAMES } from '../../shared/contract/methods';
import type { TurnoutState } from '../../shared/contract/state';
import { servedBy, startBackend, tally, type Backend } from '../support/backends';
import { makeTempDir } from '../support/temp-dir';
import { runCli, startServe, type ServeProcess } from '../support/turnout-process';

const TOKEN = 'cli-test-token';

describe('turnout CLI (child processes, real servers)', () => {
  let temp: ReturnType<typeof makeTempDir>;
  let blue: Backend;
  let green: Backend;
  let serve: ServeProcess;
  let db: string;
  const client = (args: string[], env: NodeJS.ProcessEnv = {}) => runCli([...args, '--admin', serve.adminUrl], { TURNOUT_TOKEN: TOKEN, ...env });

  beforeAll(async () => {
    temp = makeTempDir();
    db = path.join(temp.dir, 'turnout.db');
    blue = await startBackend('blue');
    green = await startBackend('green');
    serve = await startServe(
      ['--db', db, '--listen', '127.0.0.1:0', '--admin', '127.0.0.1:0', '--backend', `blue=${blue.url}`, '--backend', `green=${green.url}`, '--ratio', '50:50'],
      { TURNOUT_TOKEN: TOKEN },
    );
  });

  afterAll(async () => {
    await serve?.stop();
    await blue.close();
    await green.close();
    temp.cleanup();
  });

  it('has a command for every contract method', () => {
    expect(Object.keys(CLI_COMMAND_FOR_METHOD).sort()).toEqual([...METHOD_NAMES].sort());
  });

  it('serve prints the proxy, the panel link with the token, and the split', () => {
    expect(serve.output()).toMatch(/Panel\s+http:\/\/127\.0\.0\.1:\d+\/#token=cli-test-token/);
    expect(serve.output()).toContain('ratio 50 … 50');
  });

  it('ratio 0:100 moves all traffic to green', async () => {
    const result = await client(['ratio', '0:100']);
    expect(result.code).toBe(0);
    expect(result.stdout).toContain('ratio 0 … 100');
    expect(tally(await servedBy(serve.proxyUrl, 10))).toEqual({ green: 10 });
  });

  it('ratio blue=70 green=30 splits exactly 7 to 3', async () => {
    expect((await client(['ratio', 'blue=70', 'green=30'])).code).toBe(0);
    expect(tally(await servedBy(serve.proxyUrl, 20))).toEqual({ blue: 14, green: 6 });
  });

  it('status --json prints the state for scripts', async () => {
    const result = await client(['status', '--json']);
    expect(result.code).toBe(0);
    const state = JSON.parse(result.stdout) as TurnoutState;
    expect(state.environments.map((env) => [env.name, env.weight])).toEqual([
      ['blue', 70],
      ['green', 30],
    ]);
  });

  it.each([
    [['ratio', '60:30'], /weights must sum to 100, got 90/],
    [['ratio', 'blue=50', 'red=50'], /unknown environment "red"/],
    [['ratio', 'blue=abc'], /whole number/],
    [['ratio'], /ratio needs a value/],
    [['frobnicate'], /unknown command "frobnicate"/],
  ])('%j fails with a one-line error and changes nothing', async (args, message) => {
    const result = await client(args);
    expect(result.code).not.toBe(0);
    expect(result.stderr.trim().split('\n')).toHaveLength(1);
    expect(result.stderr).toMatch(message);
    const state = JSON.parse((await client(['status', '--json'])).stdout) as TurnoutState;
    expect(state.environments.map((env) => env.weight)).toEqual([70, 30]);
  });

  it('a wrong token is refused', async () => {
    const result = await client(['status'], { TURNOUT_TOKEN: 'wrong' });
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/wrong admin token/);
  });

  it('no running server is reported plainly', async () => {
    const vacant = net.createServer();
    await new Promise<void>((resolve) => vacant.listen(0, '127.0.0.1', resolve));
    const port = (vacant.address() as net.AddressInfo).port;
    await new Promise((resolve) => vacant.close(resolve));
    const result = await runCli(['status', '--admin', `http://127.0.0.1:${port}`], { TURNOUT_TOKEN: TOKEN });
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/no Turnout is running at that admin address \(connection refused\)/);
  });
});

describe('turnout serve, start-up and persistence', () => {
  let temp: ReturnType<typeof makeTempDir>;
  beforeAll(() => {
    temp = makeTempDir();
  });
  afterAll(() => temp.cleanup());

  it('starts the built-in demo profile when nothing is configured, with a stored random token', async () => {
    const db = path.join(temp.dir, 'demo', 'turnout.db');
    const serve = await startServe(['--db', db, '--listen', '127.0.0.1:0', '--admin', '127.0.0.1:0'], { TURNOUT_TOKEN: '' });
    try {
      expect(serve.output()).toContain('Profile Demo');
      const token = fs.readFileSync(path.join(temp.dir, 'demo', 'admin-token'), 'utf8').trim();
      expect(token.length).toBeGreaterThanOrEqual(24);
      expect(serve.output()).toContain(`#token=${token}`);
      const pages = await Promise.all([fetch(serve.proxyUrl), fetch(serve.proxyUrl)].map(async (p) => (await p).text()));
      expect(pages.join()).toMatch(/v1 Blue/);
      expect(pages.join()).toMatch(/v2 Green/);
    } finally {
      await serve.stop();
    }
  });

  it('keeps the profile and ratio across a restart, and reuses it with no flags', async () => {
    const blue = await startBackend('blue');
    const green = await startBackend('green');
    const db = path.join(temp.dir, 'persist.db');
    const env = { TURNOUT_TOKEN: TOKEN };
    const first = await startServe(['--db', db, '--listen', '127.0.0.1:0', '--admin', '127.0.0.1:0', '--backend', `blue=${blue.url}`, '--backend', `green=${green.url}`], env);
    expect((await runCli(['ratio', '30:70', '--admin', first.adminUrl], env)).code).toBe(0);
    expect(await first.stop()).toBe(0);

    const second = await startServe(['--db', db, '--admin', '127.0.0.1:0'], env);
    try {
      expect(second.output()).toContain('ratio 30 … 70');
      expect(tally(await servedBy(second.proxyUrl, 10))).toEqual({ blue: 3, green: 7 });
    } finally {
      await second.stop();
      await blue.close();
      await green.close();
    }
  });

  it('takes the routing and the update drain\'s times from flags and stores them in the profile', async () => {
    const db = path.join(temp.dir, 'routing.db');
    const env = { TURNOUT_TOKEN: TOKEN };
    const serve = await startServe(['--db', db, '--listen', '127.0.0.1:0', '--admin', '127.0.0.1:0', '--backend', 'blue=http://127.0.0.1:1', '--backend', 'green=http://127.0.0.1:2', '--routing', 'sticky', '--session-window', '5s', '--grace', '8s', '--drain-deadline', '1m'], env);
    try {
      expect(serve.output()).toContain('(sticky)');
      const shown = await runCli(['profile', 'show', 'Local', '--admin', serve.adminUrl], env);
      expect(shown.stdout).toContain('Update drain: sticky clients move after 5 s, WebSockets and streams close after 8 s, the rest is cut after 60 s');
      const bad = await runCli(['serve', '--db', path.join(temp.dir, 'other.db'), '--routing', 'random'], env);
      expect([bad.code, bad.stderr.trim()]).toEqual([2, 'turnout: --routing must be one of round-robin, sticky, failover, got "random" (see --help)']);
    } finally {
      await serve.stop();
    }
  });

  it.each([
    [['--backend', 'blue=not a url', '--backend', 'green=http://127.0.0.1:1'], /--backend blue: must be an absolute http/],
    [['--backend', 'blue', '--backend', 'green=http://127.0.0.1:1'], /must be name=url/],
    [['--backend', 'blue=http://127.0.0.1:1', '--backend', 'green=http://127.0.0.1:2', '--ratio', '50:60'], /sum to 100/],
    [['--listen', 'nowhere'], /--listen: must be host:port/],
  ])('refuses bad flags %j with a one-line error, storing nothing', async (flags, message) => {
    const db = path.join(temp.dir, `bad-${Math.random()}.db`);
    const result = await runCli(['serve', '--db', db, '--admin', '127.0.0.1:0', ...flags], { TURNOUT_TOKEN: TOKEN });
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(message);
    expect(result.stderr.trim().split('\n')).toHaveLength(1);
  });

  it('refuses a port in use, naming it, and keeps the stored profile', async () => {
    const blocker = net.createServer();
    await new Promise<void>((resolve) => blocker.listen(0, '127.0.0.1', resolve));
    const port = (blocker.address() as net.AddressInfo).port;
    const db = path.join(temp.dir, 'port.db');
    const env = { TURNOUT_TOKEN: TOKEN };
    const ok = await startServe(['--db', db, '--listen', '127.0.0.1:0', '--admin', '127.0.0.1:0', '--backend', 'a=http://127.0.0.1:1', '--backend', 'b=http://127.0.0.1:2'], env);
    await ok.stop();
    const result = await runCli(['serve', '--db', db, '--listen', `127.0.0.1:${port}`, '--admin', '127.0.0.1:0'], env);
    blocker.close();
    expect(result.code).toBe(1);
    expect(result.stderr).toContain(`127.0.0.1:${port} is already in use`);
    const again = await startServe(['--db', db, '--admin', '127.0.0.1:0'], env);
    expect(again.output()).toMatch(/Proxy\s+http:\/\/127\.0\.0\.1:\d+/);
    expect(again.output()).not.toContain(`:${port}`);
    await again.stop();
  });
});
