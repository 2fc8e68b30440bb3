import { spawn } from 'node:child_process';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RequestRecord } from '../../shared/contract/inspect';
import { makeTempDir } from '../support/temp-dir';
import { cliAgainst, REPO_ROOT, startServeWithBackends, type ServeWithBackends } from '../support/turnout-process';

/**
 * `turnout requests`, `turnout requests show` and `turnout replay` as users run them (the
 * built CLI in a child process) against `turnout serve` in front of two backends that answer
 * differently (each its own name), with curl-like traffic from fetch.
 */
describe('turnout requests / replay: the CLI over a running serve', () => {
  const token = 'requests-cli-token';
  const temp = makeTempDir('turnout-requests-cli-');
  let running: ServeWithBackends;
  const { cli, ok } = cliAgainst(() => running.serve.adminUrl, token);

  beforeAll(async () => {
    running = await startServeWithBackends(temp.dir, token, ['--ratio', '100:0']);
  });

  afterAll(async () => {
    await running?.stop();
    temp.cleanup();
  });

  const proxied = (url: string, init: RequestInit = {}) => fetch(`${running.serve.proxyUrl}${url}`, init).then((response) => response.text());

  it('lists, filters, shows one and prints JSON lines', async () => {
    await proxied('/alpha?q=1', { headers: { authorization: 'Bearer cli-secret' } });
    await proxied('/beta');
    await proxied('/beta', { method: 'DELETE' });
    let lines: RequestRecord[] = [];
    for (let tries = 0; tries < 50 && lines.length < 3; tries++) lines = (await ok('requests', '--json')).trim().split('\n').filter(Boolean).map((line) => JSON.parse(line) as RequestRecord);
    expect(lines.map((r) => [r.method, r.url, r.status, r.environment, r.reason])).toEqual([
      ['GET', '/alpha?q=1', 200, 'blue', 'ratio'],
      ['GET', '/beta', 200, 'blue', 'ratio'],
      ['DELETE', '/beta', 200, 'blue', 'ratio'],
    ]);
    const human = await ok('requests', '--path', 'BETA', '--method', 'delete');
    expect(human.trim().split('\n')).toHaveLength(1);
    expect(human).toMatch(/#\s*3 .* 200 {2}DELETE .*blue \(ratio\)/);
    expect((await ok('requests', '--status', '5xx')).trim()).toBe('No matching requests recorded yet.');
    const shown = await ok('requests', 'show', String(lines[0]!.seq));
    expect(shown).toContain('authorization: [redacted]');
    expect(shown).not.toContain('cli-secret');
    expect(shown).toMatch(/x-request-id: [0-9a-f]{10}-/i);
    const byId = JSON.parse(await ok('requests', 'show', lines[0]!.id, '--json')) as RequestRecord;
    expect(byId.seq).toBe(lines[0]!.seq);
  });

  it('refuses bad flags in one line and changes nothing', async () => {
    const bad = await cli('requests', '--status', '6xx');
    expect([bad.code, bad.stderr.trim()]).toEqual([2, 'turnout: --status must be one of 1xx, 2xx, 3xx, 4xx, 5xx, none, got "6xx" (see --help)']);
    const missing = await cli('requests', 'show', '999999');
    expect([missing.code, missing.stderr.trim()]).toEqual([1, 'turnout: no request record #999999 (the ring keeps the newest ones only)']);
    const noTarget = await cli('replay', '1');
    expect(noTarget.code).toBe(2);
  });

  it('replays a GET to green at once and shows the text that differs', async () => {
    await proxied('/replay-me');
    const list = JSON.parse((await ok('requests', '--path', 'replay-me', '--json')).trim()) as RequestRecord;
    const out = await ok('replay', String(list.seq), '--to', 'green');
    expect(out).toContain(`#${list.seq} GET /replay-me`);
    expect(out).toMatch(/^A blue \(live\): 200 in [\d.]+ ms$/m);
    expect(out).toMatch(/^B green \(live\): 200 in [\d.]+ ms$/m);
    expect(out).toContain('Status: same');
    expect(out).toContain('Body (text): differs');
    expect(out).toContain('-blue\n+green');
  });

  it('refuses to replay a POST without --yes, and one whose body was not kept even with it', async () => {
    const greenHits = running.green.hits;
    await proxied('/orders', { method: 'POST', body: 'x' });
    const list = JSON.parse((await ok('requests', '--path', 'orders', '--json')).trim()) as RequestRecord;
    const refused = await cli('replay', String(list.seq), '--to', 'green');
    expect([refused.code, refused.stderr.trim()]).toEqual([1, 'turnout: POST is not idempotent: replaying it may change data on "green"; confirm to send it (--yes)']);
    const unkept = await cli('replay', String(list.seq), '--to', 'green', '--yes');
    expect(unkept.code).toBe(1);
    expect(unkept.stderr).toMatch(/the body of #\d+ was not kept: turn on proxy\.inspect\.bodies/);
    expect(running.green.hits).toBe(greenHits);
  });

  it('keeps bodies once the profile says so, then replays a confirmed POST to green alone', async () => {
    const name = (JSON.parse(await ok('profile', 'show', '--json')) as { profile: { name: string } }).profile.name;
    const bad = await cli('profile', 'edit', name, '--redact', 'maybe');
    expect([bad.code, bad.stderr.trim()]).toEqual([2, 'turnout: --redact must be on or off, got "maybe" (see --help)']);
    await ok('profile', 'edit', name, '--keep-bodies', '4096');
    const greenHits = running.green.hits;
    const blueHits = running.blue.hits;
    await proxied('/kept-order', { method: 'POST', body: 'order-body' });
    const list = JSON.parse((await ok('requests', '--path', 'kept-order', '--json')).trim()) as RequestRecord;
    const out = await ok('replay', String(list.seq), '--to', 'green', '--yes');
    expect(out).toMatch(/^A blue \(recorded\): 200/m);
    expect(out).toMatch(/^B green \(live\): 200/m);
    expect(out).toContain('-blue\n+green');
    expect([running.green.hits - greenHits, running.blue.hits - blueHits]).toEqual([1, 1]);
    const shown = await ok('requests', 'show', String(list.seq));
    expect(shown).toContain('Request body:\norder-body');
  });

  it('--follow prints new requests as they come', async () => {
    const child = spawn(process.execPath, [path.join(REPO_ROOT, 'bin', 'turnout.js'), 'requests', '--follow', '--path', 'followed', '--admin', running.serve.adminUrl], {
      env: { ...process.env, TURNOUT_TOKEN: token },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let out = '';
    child.stdout.on('data', (chunk: Buffer) => (out += chunk.toString()));
    try {
      // Nothing matches yet: wait for the first (empty) listing to be done, then send.
      const deadline = Date.now() + 15_000;
      for (let i = 0; Date.now() < deadline && !out.includes('/followed/2'); i++) {
        if (i < 3) await proxied(`/followed/${i}`);
        await new Promise((resolve) => setTimeout(resolve, 200));
      }
      expect(out).toContain('/followed/0');
      expect(out).toContain('/followed/2');
      expect(out.match(/\/followed\/1/g)).toHaveLength(1);
    } finally {
      child.kill();
    }
  });
});
