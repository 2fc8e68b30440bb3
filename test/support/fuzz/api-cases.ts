import { METHOD_NAMES, type MethodName } from '../../../shared/contract/methods';
import type { Profile } from '../../../shared/domain/profile';
import { ANY_TYPE, deepJson, HUGE, missingName, ODD_UNICODE, outOfRange, wrongTypeFor } from './bad-values';
import type { Random } from './random';

/** One request to the admin API that must be refused: the method, the raw body and what is wrong with it. */
export interface ApiCase {
  method: MethodName;
  body: string;
  contentType?: string;
  why: string;
}

/** What the cases refer to: the stored profiles, so a duplicate or a missing name is one by construction. */
export interface FuzzWorld {
  active: Profile;
  /** A second stored profile (not active). */
  other: Profile;
}

type Input = Record<string, unknown>;
type Maker = (random: Random, world: FuzzWorld) => [Input | unknown, string];

const json = (value: unknown): string => JSON.stringify(value);

/** A profile like the active one but unknown to the store, with one thing wrong; `own` is the stored name it may keep (an update of that profile). */
function badProfile(random: Random, world: FuzzWorld, own?: string): [Profile | Input, string] {
  const base = { ...structuredClone(world.active), name: `Fuzz ${random.int(1e6)}` } as Input & Profile;
  const env = (patch: Input) => ({ ...base, environments: base.environments.map((item, index) => (index === 0 ? { ...item, ...patch } : item)) });
  const taken = [world.active.name, world.other.name].filter((name) => name !== own);
  const choices: [Input | Profile, string][] = [
    [{ ...base, name: random.pick(taken) }, 'the name of a stored profile (duplicate)'],
    [{ ...base, name: '' }, 'an empty name'],
    [{ ...base, name: '   ' }, 'a blank name'],
    [{ ...base, name: HUGE }, 'a huge name'],
    [{ ...base, name: random.pick(ODD_UNICODE) }, 'an unprintable name'],
    [{ ...base, name: wrongTypeFor(random, 'string') }, 'a name that is not a string'],
    [{ ...base, listen: random.pick(['nohostport', '127.0.0.1:99999', '127.0.0.1:-1', ':80', HUGE, ...ODD_UNICODE]) }, 'a bad listen address'],
    [{ ...base, routing: random.pick(['random', 'ROUND-ROBIN', '', ...ODD_UNICODE]) }, 'an unknown routing method'],
    [{ ...base, demo: wrongTypeFor(random, 'boolean') }, 'demo not a boolean'],
    [{ ...base, environments: [] }, 'no environments'],
    [{ ...base, environments: [{ ...base.environments[0]!, weight: 100 }] }, 'one environment'],
    [{ ...base, environments: Array.from({ length: 9 }, (_, i) => ({ ...base.environments[0]!, name: `e${i}`, weight: i === 0 ? 100 : 0 })) }, 'nine environments'],
    [{ ...base, environments: base.environments.map((item) => ({ ...item, name: 'blue' })) }, 'duplicate environment names'],
    [env({ name: random.pick(['Blue', '1blue', 'blue_1', '', 'b'.repeat(33), ...ODD_UNICODE]) }), 'a bad environment name'],
    [env({ url: random.pick(['ftp://127.0.0.1/', 'http://user:pw@127.0.0.1/', 'javascript:alert(1)', '127.0.0.1:3001', 'http://', HUGE, ...ODD_UNICODE]) }), 'a bad environment URL'],
    [env({ weight: outOfRange(random, 0, 100) }), 'an out-of-range weight'],
    [env({ weight: (base.environments[0]!.weight + 1) % 101 }), 'weights that do not sum to 100'],
    [env({ color: random.pick(['blue', '#12345', '#gggggg', '', ...ODD_UNICODE]) }), 'a bad colour'],
    [env({ health: { intervalMs: outOfRange(random, 100, 3_600_000) } }), 'an out-of-range probe interval'],
    [env({ health: { path: random.pick(['no-slash', '/with space', '', HUGE.replace(/^x/, 'y')]) } }), 'a bad probe path'],
    [env({ health: { expectStatusMin: 500, expectStatusMax: 200 } }), 'an empty status range'],
    [{ ...base, proxy: { connectTimeoutMs: outOfRange(random, 100, 120_000) } }, 'an out-of-range connect timeout'],
    [{ ...base, proxy: { clientKeepAliveTimeoutMs: outOfRange(random, 1000, 3_600_000) } }, 'an out-of-range client keep-alive'],
    [{ ...base, proxy: { servedByHeader: wrongTypeFor(random, 'boolean') } }, 'servedByHeader not a boolean'],
    [{ ...base, presets: [{ name: 'twice', weights: {} }, { name: 'twice', weights: {} }] }, 'duplicate preset names'],
    [{ ...base, presets: Array.from({ length: 33 }, (_, i) => ({ name: `p${i}`, weights: {} })) }, '33 presets'],
    [{ ...base, restoreWeights: { nope: 100 } }, 'restore weights of an unknown environment'],
    [{ ...base, dataPlane: { kind: random.pick(['nope', 'envoy', '', ...ODD_UNICODE]) } }, 'an unknown engine'],
    [{ ...base, dataPlane: { kind: 'embedded', workers: random.pick([0, 65, 1.5, 'many', -1]) } }, 'an out-of-range worker count'],
    [{ ...base, update: { commands: { nope: { command: 'true' } } } }, 'an update command for an unknown environment'],
    [{ ...base, update: { commands: { blue: { command: random.pick(['', '   ', 'y'.repeat(2001)]) } } } }, 'an empty or huge update command'],
    [{ ...base, extra: random.pick(ANY_TYPE) }, 'an unknown field (kept or dropped, it must not matter: another flaw is missing, so this one is valid)'],
  ];
  // The last choice alone would be valid: pair it with a duplicate name, so it is refused for that.
  const [profile, why] = random.pick(choices);
  if (why.startsWith('an unknown field')) return [{ ...profile, name: random.pick(taken) }, 'an unknown field on a profile that has a stored name (duplicate)'];
  return [profile, why];
}

const badWeights = (random: Random): [unknown, string] =>
  random.pick<[unknown, string]>([
    [{}, 'no weights'],
    [{ blue: -1, green: 101 }, 'out of range'],
    [{ blue: 50.5, green: 49.5 }, 'fractions'],
    [{ blue: '50', green: '50' }, 'strings'],
    [{ blue: 60, green: 60 }, 'a sum over 100'],
    [{ blue: 10, green: 10 }, 'a sum under 100'],
    [{ blue: 50, green: 50, nope: 0 }, 'an unknown environment'],
    [{ BLUE: 50, GREEN: 50 }, 'names in capitals'],
    [{ ['__proto__']: 100 }, 'a __proto__ key'],
    [{ constructor: 100 }, 'a constructor key'],
    [{ blue: 1e308, green: -1e308 }, 'huge numbers'],
    [wrongTypeFor(random, 'object'), 'not an object'],
    [Object.fromEntries(ODD_UNICODE.map((name) => [name, 0])), 'odd Unicode names'],
  ]);

const badRamp = (random: Random): [unknown, string] =>
  random.pick<[unknown, string]>([
    [{ steps: [] }, 'a ramp without steps'],
    [{ steps: [{ weight: 50 }] }, 'a ramp that does not end at 100'],
    [{ steps: [{ weight: 50 }, { weight: 25 }, { weight: 100 }] }, 'a ramp going down'],
    [{ steps: Array.from({ length: 21 }, (_, i) => ({ weight: i + 80 })) }, 'a ramp of 21 steps'],
    [{ steps: [{ weight: 100, holdMs: -1 }] }, 'a negative hold'],
    [{ steps: [{ weight: 100 }], guard: { maxErrorRate: 2 } }, 'an error rate over 1'],
    [{ steps: [{ weight: 100 }], rollback: 'slowly' }, 'an unknown rollback'],
    ['5@2m,100', 'the CLI syntax instead of JSON'],
  ]);

/** An input with a required field left out, a field of the wrong type, or one too many. */
function structural(random: Random, valid: Input, required: string[]): [unknown, string] {
  const keys = Object.keys(valid);
  const options: (() => [unknown, string])[] = [
    () => [wrongTypeFor(random, 'object'), 'the input is not an object'],
    () => [{ ...valid, [random.pick(['extra', '__proto__', 'constructor', ...ODD_UNICODE])]: random.pick(ANY_TYPE) }, 'an unknown field'],
  ];
  if (required.length > 0) {
    options.push(() => {
      const gone = random.pick(required);
      const { [gone]: _dropped, ...rest } = valid;
      return [rest, `required "${gone}" left out`];
    });
  }
  if (keys.length > 0) {
    options.push(() => {
      const key = random.pick(keys);
      const current = valid[key];
      const expected = Array.isArray(current) ? 'array' : (typeof current as 'string' | 'number' | 'boolean' | 'object');
      return [{ ...valid, [key]: wrongTypeFor(random, expected) }, `"${key}" of the wrong type`];
    });
  }
  return random.pick(options)();
}

/**
 * Per method: an input that would be valid (only ever sent broken by `structural`, or not at
 * all where it would change something), its required fields, and makers of inputs wrong in
 * that method's own terms: out-of-range numbers, names that are missing or taken, bad profiles.
 */
const METHOD_CASES: Record<MethodName, { valid: Input; required: string[]; makers: Maker[] }> = {
  getState: { valid: {}, required: [], makers: [] },
  setRatio: { valid: { weights: { blue: 50, green: 50 } }, required: ['weights'], makers: [(r) => { const [weights, why] = badWeights(r); return [{ weights }, why]; }] },
  undo: { valid: {}, required: [], makers: [] },
  listProfiles: { valid: {}, required: [], makers: [] },
  getProfile: { valid: { name: 'x' }, required: [], makers: [(r) => [{ name: missingName(r) }, 'a profile that does not exist']] },
  createProfile: { valid: { profile: {} }, required: ['profile'], makers: [(r, w) => { const [profile, why] = badProfile(r, w); return [{ profile }, why]; }] },
  updateProfile: {
    valid: { name: 'x', profile: {} },
    required: ['name', 'profile'],
    makers: [
      (r, w) => { const [profile, why] = badProfile(r, w, w.other.name); return [{ name: w.other.name, profile }, why]; },
      (r, w) => [{ name: missingName(r), profile: { ...w.other, name: `Fuzz ${r.int(1e6)}` } }, 'a profile that does not exist'],
      (_r, w) => [{ name: w.other.name, profile: { ...w.other, name: w.active.name } }, 'a rename onto a stored name (duplicate)'],
    ],
  },
  deleteProfile: {
    valid: { name: 'x' },
    required: ['name'],
    makers: [(r) => [{ name: missingName(r) }, 'a profile that does not exist'], (_r, w) => [{ name: w.active.name }, 'the active profile']],
  },
  duplicateProfile: {
    valid: { name: 'x', newName: 'y' },
    required: ['name', 'newName'],
    makers: [
      (_r, w) => [{ name: w.active.name, newName: w.other.name }, 'a copy onto a stored name (duplicate)'],
      (r) => [{ name: missingName(r), newName: `Fuzz ${r.int(1e6)}` }, 'a copy of a profile that does not exist'],
      (r, w) => [{ name: w.active.name, newName: r.pick(['', '   ', HUGE, ...ODD_UNICODE]) }, 'an empty, huge or unprintable new name'],
    ],
  },
  switchProfile: { valid: { name: 'x' }, required: ['name'], makers: [(r) => [{ name: missingName(r) }, 'a profile that does not exist']] },
  exportProfiles: {
    valid: { names: [] },
    required: [],
    makers: [(r) => [{ names: [missingName(r)] }, 'a profile that does not exist'], (r) => [{ names: [r.pick(['', HUGE])] }, 'an empty or huge name']],
  },
  importProfiles: {
    valid: { file: {} },
    required: ['file'],
    makers: [
      (_r, w) => [{ file: { format: 'turnout-profiles', version: 1, profiles: [{ ...w.other }] } }, 'a stored name without overwrite (duplicate)'],
      (_r, w) => [{ file: { format: 'turnout-profiles', version: 1, profiles: [{ ...w.active }] }, overwrite: true }, 'overwriting the active profile'],
      (r, w) => { const fresh = { ...w.other, name: `Fuzz ${r.int(1e6)}` }; return [{ file: { format: 'turnout-profiles', version: 1, profiles: [fresh, fresh] } }, 'a name twice in the file']; },
      (r, w) => { const [profile, why] = badProfile(r, w); return [{ file: { format: 'turnout-profiles', version: 1, profiles: [profile] } }, `a file with ${why}`]; },
      (r, w) => [{ file: { format: r.pick(['turnout', '', 'nginx']), version: 1, profiles: [w.other] } }, 'the wrong format'],
      (r, w) => [{ file: { format: 'turnout-profiles', version: r.pick([0, 2, '1', 1.5]), profiles: [w.other] } }, 'the wrong version'],
      () => [{ file: { format: 'turnout-profiles', version: 1, profiles: [] } }, 'no profiles'],
      (r, w) => [{ file: { format: 'turnout-profiles', version: 1, profiles: Array.from({ length: 101 }, (_, i) => ({ ...w.other, name: `Fuzz ${r.int(1e6)} ${i}` })) } }, '101 profiles'],
      (r, w) => [{ file: { format: 'turnout-profiles', version: 1, profiles: [{ ...w.other, name: `Fuzz ${r.int(1e6)}` }] }, overwrite: wrongTypeFor(r, 'boolean') }, 'overwrite not a boolean'],
    ],
  },
  listPresets: { valid: {}, required: [], makers: [(r) => [{ profile: missingName(r) }, 'a profile that does not exist']] },
  applyPreset: { valid: { name: 'x' }, required: ['name'], makers: [(r) => [{ name: r.pick([missingName(r), '']) }, 'a preset that does not exist']] },
  savePreset: {
    valid: { name: 'x' },
    required: ['name'],
    makers: [
      (r) => [{ name: r.pick(['50:50', '100:0']) }, 'a built-in preset name (duplicate)'],
      (r) => [{ name: r.pick(['', ' ', '-starts-with-dash', 'p'.repeat(33), HUGE, ...ODD_UNICODE, 'a/b', 'a:b']) }, 'a bad preset name'],
      (r) => { const [weights, why] = badWeights(r); return [{ name: `p${r.int(1e6)}`, weights }, `weights: ${why}`]; },
    ],
  },
  deletePreset: {
    valid: { name: 'x' },
    required: ['name'],
    makers: [(r) => [{ name: r.pick([missingName(r), '']) }, 'a preset that does not exist'], (r) => [{ name: r.pick(['50:50', '100:0']) }, 'a built-in preset']],
  },
  getHistory: {
    valid: { limit: 10 },
    required: [],
    makers: [
      (r) => [{ limit: outOfRange(r, 1, 500) }, 'an out-of-range limit'],
      (r) => [{ before: r.pick([0, -1, 1.5, 1e308 * 10, 'x']) }, 'a bad cursor'],
      (r) => [{ kind: r.pick(['nope', '', 'RATIO', ...ODD_UNICODE]) }, 'an unknown kind'],
      (r) => [{ profile: r.pick(['', HUGE]) }, 'an empty or huge profile name'],
    ],
  },
  getMetrics: { valid: { seconds: 5 }, required: [], makers: [(r) => [{ seconds: outOfRange(r, 1, 300) }, 'out-of-range seconds']] },
  updateStart: {
    valid: { first: 'blue' },
    required: ['first'],
    makers: [
      (r) => [{ first: r.pick(['nope', 'Blue', '', HUGE, ...ODD_UNICODE]) }, 'an environment that does not exist'],
      (r) => { const [plan, why] = badRamp(r); return [{ first: 'blue', plan }, why]; },
      (r) => [{ first: 'blue', smoke: { path: r.pick(['no-slash', '/a b', '']) } }, 'a bad smoke path'],
      (r) => [{ first: 'blue', graceMs: outOfRange(r, 0, 3_600_000) }, 'an out-of-range grace'],
      (r) => [{ first: 'blue', verifyTimeoutMs: outOfRange(r, 100, 3_600_000) }, 'an out-of-range verify timeout'],
      (r) => [{ first: 'blue', shadowGate: r.pick<unknown>([{ requests: 0 }, { requests: 10, maxMismatchRate: 2 }, { requests: 10, percent: 0 }, {}, { requests: 10, extra: 1 }]) }, 'a bad shadow gate'],
    ],
  },
  updateNext: { valid: { manual: false }, required: [], makers: [() => [{}, 'no update is running'], () => [{ manual: true }, 'no update is running']] },
  updateAbort: {
    valid: { reason: 'x' },
    required: [],
    makers: [(r) => [{ reason: r.pick(['', '   ', 'r'.repeat(201), HUGE]) }, 'an empty or overlong reason'], () => [{}, 'no update is running'], (r) => [{ reason: r.pick(ODD_UNICODE) }, 'no update is running']],
  },
  getUpdate: { valid: {}, required: [], makers: [] },
  demoStart: {
    valid: { rps: 10 },
    required: [],
    makers: [(r) => [{ rps: outOfRange(r, 0, 2000) }, 'out-of-range rps'], (r) => [{ concurrency: outOfRange(r, 1, 256) }, 'out-of-range concurrency']],
  },
  demoStatus: { valid: {}, required: [], makers: [] },
  demoLoad: {
    valid: { rps: 10 },
    required: ['rps'],
    makers: [(r) => [{ rps: outOfRange(r, 0, 2000) }, 'out-of-range rps'], (r) => [{ rps: 10 + r.int(10) }, 'not a demo profile'], (r) => [{ rps: 10, concurrency: outOfRange(r, 1, 256) }, 'out-of-range concurrency']],
  },
  demoFault: {
    valid: { environment: 'blue' },
    required: ['environment'],
    makers: [
      (r) => [{ environment: 'blue', latencyMs: outOfRange(r, 0, 30_000) }, 'out-of-range latency'],
      (r) => [{ environment: 'blue', errorPercent: r.pick([-1, 101, 1e308, -0.5]) }, 'out-of-range error percent'],
      (r) => [{ environment: r.pick(['nope', 'Blue', ...ODD_UNICODE]) }, 'an environment that does not exist'],
      () => [{ environment: 'blue', latencyMs: 10 }, 'not a demo profile'],
    ],
  },
  demoCrash: { valid: { environment: 'blue' }, required: ['environment'], makers: [(r) => [{ environment: r.pick(['blue', 'green', 'nope', ...ODD_UNICODE]) }, 'not a demo profile, or no such environment']] },
  demoRestart: { valid: { environment: 'blue' }, required: ['environment'], makers: [(r) => [{ environment: r.pick(['blue', 'green', 'nope', ...ODD_UNICODE]) }, 'not a demo profile, or no such environment']] },
  demoNewVersion: { valid: { environment: 'blue' }, required: ['environment'], makers: [(r) => [{ environment: r.pick(['blue', 'green', 'nope', ...ODD_UNICODE]) }, 'not a demo profile, or no such environment']] },
  exportConfig: {
    valid: { format: 'nginx' },
    required: ['format'],
    makers: [(r) => [{ format: r.pick(['apache', 'NGINX', '', HUGE, ...ODD_UNICODE]) }, 'an unknown format'], (r) => [{ format: 'nginx', profile: missingName(r) }, 'a profile that does not exist']],
  },
  setPaused: { valid: { paused: true }, required: ['paused'], makers: [] },
  environmentLogs: {
    valid: { environment: 'blue' },
    required: ['environment'],
    makers: [
      (r) => [{ environment: r.pick(['nope', 'Blue', '', HUGE, ...ODD_UNICODE]) }, 'an environment that does not exist'],
      (r) => [{ environment: 'blue', limit: outOfRange(r, 1, 1000) }, 'an out-of-range limit'],
    ],
  },
  adopt: {
    valid: { url: 'http://127.0.0.1:1' },
    required: ['url'],
    makers: [
      (r) => [{ url: r.pick(['ftp://x', 'nope', '', 'http://user:pw@127.0.0.1:1', HUGE, ...ODD_UNICODE]) }, 'a URL that is not http(s)'],
      (r) => [{ url: 'http://127.0.0.1:1', listen: r.pick(['nowhere', '127.0.0.1:70000', '', HUGE]) }, 'a bad listen address'],
      (r) => [{ url: 'http://127.0.0.1:1', readyTimeoutMs: outOfRange(r, 1000, 600_000) }, 'an out-of-range timeout'],
    ],
  },
  environmentRestart: { valid: { environment: 'blue' }, required: ['environment'], makers: [(r) => [{ environment: r.pick(['nope', 'Blue', '', HUGE, ...ODD_UNICODE]) }, 'an environment that does not exist']] },
  probeEnvironment: {
    valid: { name: 'blue' },
    required: ['name'],
    makers: [
      (r) => [{ name: r.pick(['nope', 'Blue', '', HUGE, ...ODD_UNICODE]) }, 'an environment that does not exist'],
      (r) => [{ name: 'blue', health: { timeoutMs: outOfRange(r, 50, 60_000) } }, 'an out-of-range timeout'],
      (r) => [{ name: 'blue', health: { path: r.pick(['no-slash', '/a b', '']) } }, 'a bad probe path'],
      (r) => [{ name: 'blue', health: { method: r.pick(['POST', 'get', '', ...ODD_UNICODE]) } }, 'an unknown probe method'],
    ],
  },
  listRequests: {
    valid: { limit: 10 },
    required: [],
    makers: [
      (r) => [{ limit: outOfRange(r, 1, 10_000) }, 'an out-of-range limit'],
      (r) => [{ status: r.pick(['500', '6xx', '', ...ODD_UNICODE]) }, 'an unknown status class'],
      (r) => [{ method: r.pick(['GE T', '', '1', ...ODD_UNICODE]) }, 'a method that is not one'],
    ],
  },
  getRequest: {
    valid: { seq: 1 },
    required: [],
    makers: [
      (r) => [{ seq: r.pick([0, -1, 1.5]) }, 'a position that cannot be'],
      () => [{ seq: 1, id: 'x' }, 'both a position and an id'],
      () => [{}, 'neither a position nor an id'],
      (r) => [{ id: r.pick(['nope', ...ODD_UNICODE]) }, 'an id no record has'],
    ],
  },
  replayRequest: {
    valid: { seq: 1, to: 'green' },
    required: ['seq', 'to'],
    makers: [
      (r) => [{ seq: r.pick([0, -1, 1.5]), to: 'green' }, 'a position that cannot be'],
      (r) => [{ seq: 1_000_000, to: r.pick(['green', 'blue']) }, 'a record the ring does not hold'],
      (r) => [{ seq: 1, to: r.pick(['', HUGE, ...ODD_UNICODE]) }, 'an environment name that cannot be'],
    ],
  },
  tlsTrust: { valid: {}, required: [], makers: [] },
  shadowStart: {
    valid: { environment: 'green', percent: 20 },
    required: ['environment', 'percent'],
    makers: [
      (r) => [{ environment: 'green', percent: r.pick([0, -5, 100.5, 1000, '20', null]) }, 'a share that cannot be'],
      (r) => [{ environment: r.pick(['', HUGE, ...ODD_UNICODE]), percent: 20 }, 'an environment name that cannot be'],
      (r) => [{ environment: r.pick(['nope', 'Green']), percent: 20 }, 'an environment the running profile does not have'],
    ],
  },
  shadowStop: { valid: {}, required: [], makers: [] },
  shadowStatus: { valid: {}, required: [], makers: [] },
};

/** Body-level damage, the same for every method: not JSON, nested too deep, too big, not sent as JSON. */
function rawCase(random: Random, method: MethodName): ApiCase {
  return random.pick<() => ApiCase>([
    () => ({ method, body: random.pick(['{', '{"a":}', "{'a':1}", 'NaN', '[1,]', '\u0000', '{"a":"\\ud800"', 'undefined']), why: 'not JSON' }),
    () => ({ method, body: deepJson(random.pick([1000, 100_000]), random.pick(['array', 'object'] as const)), why: 'deeply nested JSON' }),
    () => ({ method, body: json({ name: 'x'.repeat(1024 * 1024) }), why: 'a body over 1 MiB' }),
    () => ({ method, body: json(METHOD_CASES[method].valid), contentType: random.pick(['text/plain', 'application/x-www-form-urlencoded', 'multipart/form-data; boundary=x', '']), why: 'not sent as JSON' }),
  ])();
}

/** `perMethod` refused inputs for each contract method, drawn from `random`. */
export function apiCases(random: Random, world: FuzzWorld, perMethod: number): ApiCase[] {
  const cases: ApiCase[] = [];
  for (const method of METHOD_NAMES) {
    const { valid, required, makers } = METHOD_CASES[method];
    for (let i = 0; i < perMethod; i++) {
      const roll = random.next();
      if (roll < 0.15) {
        cases.push(rawCase(random, method));
      } else if (roll < 0.45 || makers.length === 0) {
        const [input, why] = structural(random, valid, required);
        cases.push({ method, body: json(input), why });
      } else {
        const [input, why] = random.pick(makers)(random, world);
        cases.push({ method, body: json(input), why });
      }
    }
  }
  return cases;
}
