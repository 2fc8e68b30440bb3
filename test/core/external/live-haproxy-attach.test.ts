import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ContractError } from '../../../shared/contract/errors';
import { startAttachedSetup, startTunnel, type AttachedHaproxy, type AttachedSetup, type Tunnel } from '../../support/attached-haproxy';
import { servedBy, tally, type Backend } from '../../support/backends';
import { startControl } from '../../support/control-fixture';
import { eventually } from '../../support/data-plane';
import { hasHaproxy } from '../../support/external-tools';
import { makeTempDir } from '../../support/temp-dir';

const CLI = { source: 'cli' } as const;

describe.skipIf(!hasHaproxy)('the slider steers an attached HAProxy through the control service (haproxy not installed: apt-get install haproxy)', () => {
  const temp = makeTempDir('turnout-live-attach-');
  let blue: Backend;
  let green: Backend;
  let haproxy: AttachedHaproxy;
  let tunnel: Tunnel;
  let setup: AttachedSetup | undefined;
  let running: Awaited<ReturnType<typeof startControl>>;

  beforeAll(async () => {
    setup = await startAttachedSetup(temp.dir, ['staging-a', 'staging-b']);
    ({ blue, green, haproxy } = setup);
    tunnel = await startTunnel(haproxy.admin);
    running = await startControl(temp.dir, { blue: blue.url, green: green.url }, {
      name: 'Staging',
      health: {},
      extra: { dataPlane: { kind: 'haproxy-attach', socket: tunnel.address, backend: 'web', servers: { blue: 'staging-a', green: 'staging-b' } } },
    });
  });

  afterAll(async () => {
    await running?.stop();
    await tunnel?.close().catch(() => undefined);
    await setup?.stop();
    temp.cleanup();
  });

  it('setRatio moves real traffic through HAProxy and is stored with its history', async () => {
    await running.control.setRatio({ weights: { blue: 0, green: 100 } }, CLI);
    expect(tally(await servedBy(haproxy.url, 20))).toEqual({ green: 20 });
    const history = await running.control.getHistory({ limit: 50 });
    expect(JSON.stringify(history)).toContain('"green":100');
  });

  it('with the socket gone: the state says so, setRatio is an error, and nothing is stored as applied', async () => {
    const historyBefore = JSON.stringify(await running.control.getHistory({ limit: 50 }));
    await tunnel.close();
    expect(await eventually(async () => (await running.control.getState()).profile.dataPlane?.problem?.includes('cannot reach') === true)).toBe(true);
    expect((await running.control.getState()).proxy.listening).toBe(false);
    const error = await running.control.setRatio({ weights: { blue: 100, green: 0 } }, CLI).catch((failure: unknown) => failure);
    expect(error).toBeInstanceOf(ContractError);
    expect((error as ContractError).code).toBe('UNAVAILABLE');
    expect((error as Error).message).toMatch(/^not applied: cannot reach the HAProxy runtime API/);
    const state = await running.control.getState();
    expect(state.environments.map((env) => env.weight)).toEqual([0, 100]);
    expect(JSON.stringify(await running.control.getHistory({ limit: 50 }))).toBe(historyBefore);
    expect(tally(await servedBy(haproxy.url, 10))).toEqual({ green: 10 });

    await tunnel.reopen();
    expect(await eventually(async () => (await running.control.getState()).profile.dataPlane?.problem === null)).toBe(true);
    await running.control.setRatio({ weights: { blue: 50, green: 50 } }, CLI);
    expect(tally(await servedBy(haproxy.url, 10))).toEqual({ blue: 5, green: 5 });
  });
});
