import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningTurnout } from '../../electron/server/app';
import { main, CLI_COMMAND_FOR_METHOD } from '../../electron/server/cli';
import { METHOD_NAMES, type MethodArgs, type MethodName } from '../../shared/contract/methods';
import { profileSchema, type ProfileInput } from '../../shared/domain/profile';
import { makeTempDir } from '../support/temp-dir';
import { startTurnoutIn } from '../support/turnout-fixture';

const TOKEN = 'control-plane-token';

const spare: ProfileInput = {
  name: 'Spare',
  listen: '127.0.0.1:0',
  routing: 'failover',
  demo: false,
  environments: [
    { name: 'a', color: '#2f6fed', url: 'http://127.0.0.1:1', weight: 100 },
    { name: 'b', color: '#1f9d55', url: 'http://127.0.0.1:2', weight: 0 },
  ],
};

/**
 * A valid call of every method, in an order in which each succeeds. Typed as a full map:
 * a new contract method does not compile until it has a sample here.
 */
const SAMPLES: { [M in MethodName]: MethodArgs<M> } = {
  getState: {},
  setRatio: { weights: { blue: 60, green: 40 } },
  undo: {},
  listProfiles: {},
  getProfile: {},
  createProfile: { profile: spare },
  updateProfile: { name: 'Spare', profile: { ...spare, listen: '127.0.0.1:0' } },
  duplicateProfile: { name: 'Spare', newName: 'Spare copy' },
  deleteProfile: { name: 'Spare copy' },
  // Demo methods need a demo profile: demoStart makes one (on this listen address), and
  // switchProfile right after takes the server back to Local for the samples that follow.
  demoStart: { rps: 5 },
  demoStatus: {},
  demoLoad: { rps: 0 },
  demoFault: { environment: 'blue', latencyMs: 0, errorPercent: 0 },
  demoCrash: { environment: 'blue' },
  demoRestart: { environment: 'blue' },
  demoNewVersion: { environment: 'green' },
  switchProfile: { name: 'Local' },
  exportProfiles: { names: ['Spare'] },
  importProfiles: { file: { format: 'turnout-profiles', version: 1, profiles: [{ ...spare, name: 'Imported' }] } },
  listPresets: {},
  savePreset: { name: 'mine', weights: { blue: 90, green: 10 } },
  applyPreset: { name: 'mine' },
  deletePreset: { name: 'mine' },
  getHistory: { limit: 5 },
  getMetrics: { seconds: 5 },
  setPaused: { paused: false },
  // Local again (after switchProfile): blue is unreachable, so the probe answers 200 with ok false.
  probeEnvironment: { name: 'blue' },
  listRequests: { limit: 10, status: '5xx' },
  // The loop sends one request through the proxy first (a 502: both backends are unreachable), so record 1 exists.
  getRequest: { seq: 1 },
  // Record 1 is a GET: replayed at once to both (unreachable) environments, each side "no answer".
  replayRequest: { seq: 1, to: 'green' },
  tlsTrust: {},
  // Copies of later GETs go to green (unreachable): counted as pairs, nothing the client sees.
  shadowStart: { environment: 'green', percent: 20 },
  shadowStatus: {},
  shadowStop: {},
  getUpdate: {},
  // Both backends are unreachable: blue drains at once, waits for "updated", then verify waits for health.
  updateStart: { first: 'blue', verifyTimeoutMs: 60_000 },
  updateNext: {},
  updateAbort: { reason: 'sample' },
  exportConfig: { format: 'haproxy' },
  environmentLogs: { environment: 'blue', limit: 10 },
  environmentRestart: { environment: 'blue' },
  // Last, as it makes the adopted profile active; its URL is replaced by the admin API's own (an app that answers).
  adopt: { url: 'http://127.0.0.1:1' },
};

describe('admin API: the control plane over real HTTP', () => {
  let temp: ReturnType<typeof makeTempDir>;
  let turnout: RunningTurnout;
  const call = (method: string, body: unknown, headers: Record<string, string> = { authorization: `Bearer ${TOKEN}` }) =>
    fetch(`${turnout.adminUrl}/api/v1/${method}`, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body: JSON.stringify(body) });
  const json = async (method: string, body: unknown = {}): Promise<unknown> => (await call(method, body)).json();
  /** Everything a refused call must leave alone. */
  const everything = async () => ({
    profiles: await json('exportProfiles'),
    active: ((await json('getState')) as { profile: unknown }).profile,
    history: await json('getHistory', { limit: 500 }),
  });

  beforeAll(async () => {
    temp = makeTempDir();
    turnout = await startTurnoutIn(temp.dir, TOKEN, ['blue=http://127.0.0.1:1', 'green=http://127.0.0.1:2']);
    // Blue is run by Turnout (environmentLogs/environmentRestart need one): a command that exits
    // at once, so it only ever crashes and waits out its backoff, never reaching port 1.
    const { profile } = (await json('getProfile')) as { profile: ProfileInput };
    const environments = profile.environments.map((env) => (env.name === 'blue' ? { ...env, run: { command: 'exit 0', confirmed: true } } : env));
    expect((await call('updateProfile', { name: profile.name, profile: { ...profile, environments } })).status).toBe(200);
  });

  afterAll(async () => {
    await turnout.stop();
    temp.cleanup();
  });

  it('every contract method has a sample, an HTTP handler and a CLI command', async () => {
    expect(Object.keys(SAMPLES).sort()).toEqual([...METHOD_NAMES].sort());
    for (const [method, sample] of Object.entries(SAMPLES)) {
      const input = method === 'adopt' ? { ...sample, url: turnout.adminUrl } : sample;
      if (method === 'getRequest') await fetch(((await json('getState')) as { proxy: { url: string } }).proxy.url).then((proxied) => proxied.text());
      const response = await call(method, input);
      expect([method, response.status, response.status === 200 ? '' : await response.text()]).toEqual([method, 200, '']);
    }
    // adopt made its profile active: the tests below expect Local.
    expect((await call('switchProfile', { name: 'Local' })).status).toBe(200);
    const lines: string[] = [];
    const io = { out: (line: string) => lines.push(line), err: (line: string) => lines.push(line), env: {} };
    for (const [method, command] of Object.entries(CLI_COMMAND_FOR_METHOD)) {
      expect([method, await main([...command.split(' '), '--help'], io)]).toEqual([method, 0]);
      expect(lines.pop()).toMatch(new RegExp(`^Usage: turnout ${command}`));
    }
  });

  it.each([
    ['a profile whose weights do not sum to 100', 'createProfile', { profile: { ...spare, name: 'X', environments: [{ ...spare.environments[0], weight: 60 }, spare.environments[1]] } }, 400, /profile\.environments: weights must sum to 100/],
    ['a bad environment URL', 'createProfile', { profile: { ...spare, name: 'X', environments: [spare.environments[0], { ...spare.environments[1], url: 'ftp://x' }] } }, 400, /profile\.environments\.1\.url: must be an absolute http/],
    ['an existing profile name', 'createProfile', { profile: { ...spare, name: 'Local' } }, 409, /already exists/],
    ['an unknown profile', 'updateProfile', { name: 'Nope', profile: spare }, 404, /no profile named "Nope"/],
    ['deleting the active profile', 'deleteProfile', { name: 'Local' }, 409, /active profile/],
    ['switching to an unknown profile', 'switchProfile', { name: 'Nope' }, 404, /no profile named/],
    ['an import of another version', 'importProfiles', { file: { format: 'turnout-profiles', version: 2, profiles: [spare] } }, 400, /file\.version: this Turnout reads version 1/],
    ['an import with one bad profile', 'importProfiles', { file: { format: 'turnout-profiles', version: 1, profiles: [{ ...spare, name: 'Good' }, { ...spare, name: 'Bad', listen: 'nowhere' }] } }, 400, /file\.profiles\.1\.listen: must be host:port/],
    ['a preset named like a built-in', 'savePreset', { name: 'even', weights: { blue: 50, green: 50 } }, 409, /built-in preset name/],
    ['a preset name with a colon', 'savePreset', { name: '50:50' }, 400, /savePreset: name: must be/],
    ['preset weights that do not fit', 'savePreset', { name: 'x', weights: { blue: 50, red: 50 } }, 400, /unknown environment "red"/],
    ['an unknown preset', 'applyPreset', { name: 'nope' }, 404, /no preset "nope"/],
    ['deleting a built-in preset', 'deletePreset', { name: '100:0' }, 409, /built-in/],
    ['a history page of 0', 'getHistory', { limit: 0 }, 400, /limit/],
    ['an unknown history kind', 'getHistory', { kind: 'gossip' }, 400, /kind/],
    ['extra fields', 'listProfiles', { all: true }, 400, /all/],
    ['a demo action on a profile that is not a demo', 'demoCrash', { environment: 'blue' }, 409, /"Local" is not a demo profile/],
  ])('refuses %s and changes nothing', async (_label, method, body, status, message) => {
    const before = await everything();
    const response = await call(method, body);
    expect(response.status).toBe(status);
    const { error } = (await response.json()) as { error: { code: string; message: string } };
    expect(error.message).toMatch(message);
    expect(await everything()).toEqual(before);
  });

  it('answers a CORS preflight with 405 and no CORS headers', async () => {
    const response = await fetch(`${turnout.adminUrl}/api/v1/setRatio`, {
      method: 'OPTIONS',
      headers: { origin: 'http://evil.example', 'access-control-request-method': 'POST' },
    });
    expect(response.status).toBe(405);
    const names: string[] = [];
    response.headers.forEach((_value, key) => names.push(key));
    expect(names.filter((key) => key.startsWith('access-control-'))).toEqual([]);
  });

  it('serves /metrics as Prometheus text, only with the token', async () => {
    expect((await fetch(`${turnout.adminUrl}/metrics`)).status).toBe(401);
    const response = await fetch(`${turnout.adminUrl}/metrics`, { headers: { authorization: `Bearer ${TOKEN}` } });
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toContain('text/plain');
    const text = await response.text();
    expect(text).toContain('# TYPE turnout_requests_total counter');
    expect(text).toMatch(/^turnout_weight_percent\{environment="blue"\} \d+$/m);
    expect(text).toMatch(/^turnout_in_flight_requests\{environment="green"\} 0$/m);
  });

  it('profile files survive export → import unchanged', async () => {
    const file = (await json('exportProfiles', { names: ['Spare'] })) as { profiles: ProfileInput[] };
    const renamed = { ...file, profiles: [{ ...file.profiles[0]!, name: 'Round trip' }] };
    expect(await json('importProfiles', { file: renamed })).toEqual({ imported: ['Round trip'] });
    const { profile } = (await json('getProfile', { name: 'Round trip' })) as { profile: unknown };
    expect(profile).toEqual(profileSchema.parse(renamed.profiles[0]));
  });
});
