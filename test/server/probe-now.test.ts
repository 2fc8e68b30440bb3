import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ProbeResult, TurnoutState } from '../../shared/contract/state';
import type { RunningTurnout } from '../../electron/server/app';
import { startBackend, type Backend } from '../support/backends';
import { makeTempDir } from '../support/temp-dir';
import { runCliInProcess } from '../support/cli-in-process';
import { startTurnoutIn } from '../support/turnout-fixture';

const TOKEN = 'probe-now-token';

/** "Test now": one probe at the environment's real URL, over HTTP and the CLI, with real backends. */
describe('probeEnvironment: one health probe now', () => {
  let temp: ReturnType<typeof makeTempDir>;
  let turnout: RunningTurnout;
  let healthy: Backend;
  let stopped: Backend;

  const call = (body: unknown) =>
    fetch(`${turnout.adminUrl}/api/v1/probeEnvironment`, { method: 'POST', headers: { 'content-type': 'application/json', authorization: `Bearer ${TOKEN}` }, body: JSON.stringify(body) });
  const probe = async (body: unknown): Promise<ProbeResult> => {
    const response = await call(body);
    expect(response.status).toBe(200);
    return (await response.json()) as ProbeResult;
  };
  const state = async (): Promise<TurnoutState> =>
    (await fetch(`${turnout.adminUrl}/api/v1/getState`, { method: 'POST', headers: { 'content-type': 'application/json', authorization: `Bearer ${TOKEN}` }, body: '{}' })).json() as Promise<TurnoutState>;
  const cli = (...args: string[]) => runCliInProcess(args, turnout.adminUrl, TOKEN);

  beforeAll(async () => {
    temp = makeTempDir();
    healthy = await startBackend('blue', (req, res) => {
      res.writeHead(req.url === '/missing' ? 404 : 200, { 'content-type': 'text/plain' });
      res.end('blue');
    });
    stopped = await startBackend('green');
    await stopped.close();
    turnout = await startTurnoutIn(temp.dir, TOKEN, [`blue=${healthy.url}`, `green=${stopped.url}`]);
  });

  afterAll(async () => {
    await turnout?.stop();
    await healthy?.close();
    temp?.cleanup();
  });

  it('a healthy environment: ok with status 200', async () => {
    const result = await probe({ name: 'blue' });
    expect(result).toMatchObject({ ok: true, status: 200 });
    expect(result.error).toBeUndefined();
    expect(result.ms).toBeGreaterThanOrEqual(0);
  });

  it('a stopped environment: not ok, ECONNREFUSED', async () => {
    expect(await probe({ name: 'green' })).toMatchObject({ ok: false, error: 'ECONNREFUSED' });
  });

  it('unsaved settings are tried as given and change no health state', async () => {
    await expect.poll(async () => (await state()).environments.find((env) => env.name === 'blue')?.health).toBe('up');
    const wrongStatus = await probe({ name: 'blue', health: { expectStatusMin: 201, expectStatusMax: 299 } });
    expect(wrongStatus).toMatchObject({ ok: false, status: 200, error: 'status 200' });
    expect(await probe({ name: 'blue', health: { path: '/missing' } })).toMatchObject({ ok: false, status: 404, error: 'status 404' });
    // A test, not a verdict: blue stays up, and its saved settings are untouched.
    const blue = (await state()).environments.find((env) => env.name === 'blue')!;
    expect(blue.health).toBe('up');
    expect(blue.lastProbe?.ok).toBe(true);
    expect(await probe({ name: 'blue' })).toMatchObject({ ok: true, status: 200 });
  });

  it('an unknown environment is 404 NOT_FOUND; bad settings are 400', async () => {
    const unknown = await call({ name: 'purple' });
    expect(unknown.status).toBe(404);
    expect(await unknown.json()).toMatchObject({ error: { code: 'NOT_FOUND', message: expect.stringMatching(/no environment "purple"/) } });
    const bad = await call({ name: 'blue', health: { path: 'no-slash' } });
    expect(bad.status).toBe(400);
  });

  it('turnout probe ENV [--path P] [--json]: prints the result, exit 0 when it passes, 1 when it fails', async () => {
    expect(await cli('probe', 'blue')).toMatchObject({ code: 0, out: expect.stringMatching(/^blue: OK, 200 in \d+ ms$/) });
    expect(await cli('probe', 'green')).toMatchObject({ code: 1, out: expect.stringMatching(/^green: FAILED, ECONNREFUSED/) });
    expect(await cli('probe', 'blue', '--path', '/missing')).toMatchObject({ code: 1, out: expect.stringMatching(/^blue: FAILED, status 404/) });
    const json = await cli('probe', 'blue', '--json');
    expect(json.code).toBe(0);
    expect(JSON.parse(json.out)).toMatchObject({ ok: true, status: 200 });
    expect(await cli('probe', 'purple')).toMatchObject({ code: 1, err: expect.stringMatching(/no environment "purple"/) });
    expect(await cli('probe')).toMatchObject({ code: 2, err: expect.stringMatching(/probe takes ENV/) });
  });

  it('a demo profile: the probe goes to the demo app at its live URL, not the stored placeholder', async () => {
    const started = await fetch(`${turnout.adminUrl}/api/v1/demoStart`, { method: 'POST', headers: { 'content-type': 'application/json', authorization: `Bearer ${TOKEN}` }, body: JSON.stringify({ rps: 0 }) });
    expect(started.status).toBe(200);
    const demo = await state();
    expect(demo.environments.map((env) => env.name)).toContain('blue');
    expect(await probe({ name: 'blue' })).toMatchObject({ ok: true, status: 200 });
  });
});
