import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ShadowStatus } from '../../shared/contract/shadow';
import { makeTempDir } from '../support/temp-dir';
import { cliAgainst, startServeWithBackends, type ServeWithBackends } from '../support/turnout-process';

/**
 * `turnout shadow start|status|stop` as users run them (the built CLI in a child process)
 * against `turnout serve` with two proxy workers in front of two backends that answer their
 * own names: each worker picks its share and tees the client's answer, the records reach the
 * primary in batches and it sends the copies.
 */
describe('turnout shadow: the CLI over a running serve with proxy workers', () => {
  const token = 'shadow-cli-token';
  const temp = makeTempDir('turnout-shadow-cli-');
  let running: ServeWithBackends;
  const { cli, ok } = cliAgainst(() => running.serve.adminUrl, token);

  beforeAll(async () => {
    running = await startServeWithBackends(temp.dir, token, ['--ratio', '100:0', '--workers', '2']);
  }, 60_000);

  afterAll(async () => {
    await running?.stop();
    temp.cleanup();
  });

  const status = async () => JSON.parse(await ok('shadow', 'status', '--json')) as ShadowStatus;

  it('refuses bad input in one line and starts nothing', async () => {
    const bad = await cli('shadow', 'start', 'green', '--percent', '0');
    expect([bad.code, bad.stderr.trim()]).toEqual([2, 'turnout: --percent must be a number above 0 and at most 100, got "0" (see --help)']);
    const missing = await cli('shadow', 'start', 'purple', '--percent', '10');
    expect([missing.code, missing.stderr.trim()]).toEqual([1, 'turnout: no environment "purple" in the running profile']);
    expect((await ok('shadow', 'status')).trim()).toBe('Shadow: off (never started)');
  });

  it('copies GETs to green, counts every pair as different, and the client only sees blue', async () => {
    expect(await ok('shadow', 'start', 'green', '--percent', '50')).toContain('Shadow: on, 50 % to green');
    const answers: string[] = [];
    for (let i = 0; i < 20; i++) answers.push(await fetch(`${running.serve.proxyUrl}/page/${i}?x=${i}`).then((response) => response.text()));
    expect(answers.every((answer) => answer.includes('blue') && !answer.includes('green'))).toBe(true);
    let view = await status();
    for (let tries = 0; tries < 100 && view.compared < 10; tries++) {
      await new Promise((resolve) => setTimeout(resolve, 100));
      view = await status();
    }
    expect(view).toMatchObject({ active: true, environment: 'green', sampled: 10, compared: 10, dropped: 0 });
    expect(view.routes.map((route) => [route.route, route.pairs, route.mismatchRate])).toEqual([['GET /page/:id', 10, 1]]);
    const human = await ok('shadow', 'status');
    expect(human).toMatch(/^GET \/page\/:id {2}10 {2}100\.0 % {2}[\d.]+ ms {2}[\d.]+ ms$/m);
    expect(human).toMatch(/^ {2}#\d+ \/page\/\d+\?x=\d+: body \(text\) differs$/m);
    expect(await ok('shadow', 'stop')).toContain('Shadow: off, 50 % to green');
    expect((await status()).active).toBe(false);
  }, 30_000);
});
