import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTurnout, type RunningTurnout } from '../../../electron/server/app';
import type { TurnoutState } from '../../../shared/contract/state';
import type { ProfileInput } from '../../../shared/domain/profile';
import { servedBy, startBackend, tally, type Backend } from '../../support/backends';
import { hasHaproxy } from '../../support/external-tools';
import { makeTempDir } from '../../support/temp-dir';

const TOKEN = 'external-token';

describe.skipIf(!hasHaproxy)('the same slider drives HAProxy: a profile in HAProxy mode through the contract (haproxy not installed: apt-get install haproxy)', () => {
  let temp: ReturnType<typeof makeTempDir>;
  let turnout: RunningTurnout;
  let blue: Backend;
  let green: Backend;
  const call = async <T>(method: string, body: unknown): Promise<T> => {
    const response = await fetch(`${turnout.adminUrl}/api/v1/${method}`, { method: 'POST', headers: { 'content-type': 'application/json', authorization: `Bearer ${TOKEN}` }, body: JSON.stringify(body) });
    if (response.status !== 200) throw new Error(`${method}: ${response.status} ${await response.text()}`);
    return (await response.json()) as T;
  };

  beforeAll(async () => {
    temp = makeTempDir();
    blue = await startBackend('blue');
    green = await startBackend('green');
    turnout = await startTurnout({
      dbFile: path.join(temp.dir, 'turnout.db'),
      admin: '127.0.0.1:0',
      token: TOKEN,
      overrides: { listen: '127.0.0.1:0', backends: [`blue=${blue.url}`, `green=${green.url}`], ratio: '50:50' },
    });
  });

  afterAll(async () => {
    await turnout?.stop();
    await blue?.close();
    await green?.close();
    temp?.cleanup();
  });

  it('switching to an HAProxy profile, then setRatio, moves real traffic through HAProxy; the mode is stored', async () => {
    const profile: ProfileInput = {
      name: 'Prod-like',
      listen: '127.0.0.1:0',
      routing: 'round-robin',
      demo: false,
      dataPlane: { kind: 'haproxy' },
      environments: [
        { name: 'blue', color: '#2f6fed', url: blue.url, weight: 80 },
        { name: 'green', color: '#1f9d55', url: green.url, weight: 20 },
      ],
    };
    await call('createProfile', { profile });
    const state = await call<TurnoutState>('switchProfile', { name: 'Prod-like' });
    const served = await servedBy(state.proxy.url, 50);
    expect(tally(served)).toEqual({ blue: 40, green: 10 });
    await call('setRatio', { weights: { blue: 0, green: 100 } });
    // The runtime API call is asynchronous to the contract call: allow it a moment.
    const deadline = Date.now() + 3000;
    while (Date.now() < deadline && (await servedBy(state.proxy.url, 1))[0] !== 'green');
    expect(tally(await servedBy(state.proxy.url, 20))).toEqual({ green: 20 });
    const detail = await call<{ profile: { dataPlane: unknown } }>('getProfile', { name: 'Prod-like' });
    expect(detail.profile.dataPlane).toEqual({ kind: 'haproxy' });
    const exported = await call<{ text: string }>('exportConfig', { format: 'haproxy' });
    expect(exported.text).toMatch(/server green 127\.0\.0\.1:\d+ weight 100/);
  });
});
