import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { main } from '../../electron/server/cli';
import type { DemoStatus, DemoView } from '../../shared/contract/demo';
import { eventually } from '../support/data-plane';
import { makeTempDir } from '../support/temp-dir';
import { cliAgainst, startServe, type ServeProcess } from '../support/turnout-process';

const TOKEN = 'cli-demo-token';

/** `turnout demo ...` as a user runs it: child processes against a first-run `turnout serve` (the demo). */
describe('turnout demo (child processes)', () => {
  let temp: ReturnType<typeof makeTempDir>;
  let serve: ServeProcess;
  const { ok } = cliAgainst(() => serve.adminUrl, TOKEN);

  /** Read over the admin API where the CLI is not under test: a process per read costs seconds here. */
  const demoStatus = async () =>
    (await (await fetch(`${serve.adminUrl}/api/v1/demoStatus`, { method: 'POST', headers: { authorization: `Bearer ${TOKEN}`, 'content-type': 'application/json' }, body: '{}' })).json()) as DemoStatus;

  beforeAll(async () => {
    temp = makeTempDir();
    // No profile stored, no --backend: the first run starts the demo (on a free port here).
    serve = await startServe(['--db', path.join(temp.dir, 'turnout.db'), '--listen', '127.0.0.1:0', '--admin', '127.0.0.1:0'], { TURNOUT_TOKEN: TOKEN });
  });

  afterAll(async () => {
    await serve?.stop();
    temp.cleanup();
  });

  it('shows the demo, sets the load and a fault, and the proxy shows their effect', async () => {
    const status = await demoStatus();
    expect([status.profile, status.proxyUrl, status.load.running]).toEqual(['Demo', serve.proxyUrl, false]);
    expect(status.environments.map((env) => env.label)).toEqual(['v1 Blue', 'v2 Green']);

    const loaded = JSON.parse(await ok('demo', 'load', '40', '--concurrency', '5', '--json')) as DemoView;
    expect([loaded.load.running, loaded.load.targetRps, loaded.load.concurrency]).toEqual([true, 40, 5]);

    expect(await ok('demo', 'fault', 'blue', '--latency', '150')).toMatch(/^ {2}v1 Blue\s+running\s+127\.0\.0\.1:\d+\s+\+150 ms\s+requests/m);
    const started = performance.now();
    const answer = await fetch(`${serve.proxyUrl}/api/version`, { headers: { 'x-turnout-env': 'blue' } });
    expect(((await answer.json()) as { label: string }).label).toBe('v1 Blue');
    expect(performance.now() - started).toBeGreaterThanOrEqual(145);

    // The load reaches both apps through the proxy.
    expect(await eventually(async () => (await demoStatus()).load.completed >= 30, 8000, 200)).toBe(true);
    const { load } = await demoStatus();
    expect([load.errors, load.achievedRps > 20, (load.servedBy.blue ?? 0) > 5, (load.servedBy.green ?? 0) > 5]).toEqual([0, true, true, true]);
    const human = await ok('demo', 'status', '--guide');
    expect(human).toMatch(/^Load {4}40 req\/s asked, \d+ answered last second, concurrency 5, 0 errors of \d+$/m);
    expect(human).toContain('$ turnout demo new-version blue');
  });

  it('refuses a rate that is not a number as a usage error', async () => {
    const lines: string[] = [];
    const io = { out: (line: string) => lines.push(line), err: (line: string) => lines.push(line), env: {} };
    expect(await main(['demo', 'load', 'fast', '--token', TOKEN, '--admin', serve.adminUrl], io)).toBe(2);
    expect(lines.join('\n')).toMatch(/RATE must be requests per second/);
  });
});
