import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { METHOD_NAMES } from '../../shared/contract/methods';
import type { Profile } from '../../shared/domain/profile';
import { apiCases, type ApiCase, type FuzzWorld } from '../support/fuzz/api-cases';
import { fuzzSeed, Random } from '../support/fuzz/random';
import { callApi, storeSnapshot } from '../support/fuzz/store-snapshot';
import { makeTempDir } from '../support/temp-dir';
import { startServeWithBackends, type ServeWithBackends } from '../support/turnout-process';

const TOKEN = 'fuzz-token';
/** Bad inputs per contract method (the total is printed). */
const PER_METHOD = 40;

/**
 * Every admin API method against bad input, on a real `turnout serve` process: each case
 * must be refused with a 4xx and a JSON error, the process must stay up, and nothing
 * stored may change (compared through the API after each method's cases).
 */
describe('fuzzing the admin API: bad input is refused with a 4xx, the process stays up, nothing stored changes', () => {
  let temp: ReturnType<typeof makeTempDir>;
  let running: ServeWithBackends;
  let world: FuzzWorld;
  const admin = () => running.serve.adminUrl;

  beforeAll(async () => {
    temp = makeTempDir('turnout-fuzz-api-');
    running = await startServeWithBackends(temp.dir, TOKEN);
    const active = ((await callApi(admin(), TOKEN, 'getProfile', '{}')).body as { profile: Profile }).profile;
    const other = { ...active, name: 'Other', listen: '127.0.0.1:0' };
    expect((await callApi(admin(), TOKEN, 'createProfile', JSON.stringify({ profile: other }))).status).toBe(200);
    world = { active, other };
  });

  afterAll(async () => {
    await running?.stop();
    temp?.cleanup();
  });

  it(`refuses ${PER_METHOD} bad inputs for each of the ${METHOD_NAMES.length} methods`, async () => {
    const seed = fuzzSeed();
    const cases = apiCases(new Random(seed), world, PER_METHOD);
    const wrong: string[] = [];
    const describeCase = (item: ApiCase, index: number) => `#${index} ${item.method} (${item.why}) ${item.body.length > 160 ? `${item.body.slice(0, 160)}… (${item.body.length} chars)` : item.body}`;
    let before = await storeSnapshot(admin(), TOKEN);
    for (const method of METHOD_NAMES) {
      for (const [index, item] of cases.entries()) {
        if (item.method !== method) continue;
        const answer = await callApi(admin(), TOKEN, item.method, item.body, item.contentType);
        const code = (answer.body as { error?: { code?: string } }).error?.code;
        if (answer.status < 400 || answer.status > 499 || code === undefined) {
          wrong.push(`${describeCase(item, index)} → ${answer.status} ${JSON.stringify(answer.body).slice(0, 200)}`);
        }
      }
      expect(running.serve.child.exitCode, `the server exited during ${method}: ${running.serve.output().slice(-2000)}`).toBeNull();
      const after = await storeSnapshot(admin(), TOKEN);
      if (JSON.stringify(after) !== JSON.stringify(before)) wrong.push(`${method}: the stored data changed: ${JSON.stringify(after).slice(0, 2000)}`);
      before = after;
    }
    console.log(`admin API fuzz: ${cases.length} cases (seed ${seed}), ${wrong.length} not refused with a 4xx`);
    expect(wrong).toEqual([]);
    expect((await fetch(`${admin()}/healthz`)).status).toBe(200);
  }, 180_000);
});
