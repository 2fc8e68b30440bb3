import { afterEach, describe, expect, it } from 'vitest';
import type { DataPlaneConfig } from '../../../electron/core/data-plane-config';
import { startBackend, type Backend } from '../../support/backends';
import { eventually, FAST_HEALTH, get, startPlane, type RunningPlane } from '../../support/data-plane';

describe('routing methods and pins (real backends)', () => {
  let blue: Backend;
  let green: Backend;
  let running: RunningPlane | undefined;

  const start = async (config: Omit<DataPlaneConfig, 'environments'>, weights: [number, number]) => {
    blue = await startBackend('blue');
    green = await startBackend('green');
    running = await startPlane({
      ...config,
      environments: [
        { name: 'blue', url: blue.url, weight: weights[0], health: FAST_HEALTH },
        { name: 'green', url: green.url, weight: weights[1], health: FAST_HEALTH },
      ],
    });
    return running;
  };

  const setWeights = (routing: DataPlaneConfig['routing'], weights: [number, number]) =>
    running!.plane.apply({
      routing,
      environments: [
        { name: 'blue', url: blue.url, weight: weights[0], health: FAST_HEALTH },
        { name: 'green', url: green.url, weight: weights[1], health: FAST_HEALTH },
      ],
    });

  afterEach(async () => {
    await running?.plane.stop();
    running = undefined;
    await blue.close();
    await green.close();
  });

  it('sticky: new clients split by the ratio and get a cookie; pinned clients stay on a weight-0 environment', async () => {
    const { url } = await start({ routing: 'sticky' }, [50, 50]);
    const first = await get(url);
    const second = await get(url);
    expect(new Set([first.servedBy, second.servedBy])).toEqual(new Set(['blue', 'green']));
    expect(first.setCookie).toBe(`turnout_sticky=${first.servedBy}; Path=/; HttpOnly; SameSite=Lax`);
    const blueCookie = 'turnout_sticky=blue';
    const again = await get(url, { cookie: blueCookie });
    expect([again.servedBy, again.setCookie]).toEqual(['blue', null]);

    setWeights('sticky', [0, 100]);
    for (let i = 0; i < 5; i++) expect((await get(url, { cookie: blueCookie })).servedBy).toBe('blue');
    const newcomer = await get(url);
    expect([newcomer.servedBy, newcomer.setCookie]).toEqual(['green', 'turnout_sticky=green; Path=/; HttpOnly; SameSite=Lax']);
    expect(running!.plane.status('blue').drained).toBe(true);
  });

  it('sticky: a client pinned to an environment that goes down is re-pinned, never stranded', async () => {
    const { url } = await start({ routing: 'sticky' }, [50, 50]);
    await blue.close();
    const moved = await get(url, { cookie: 'turnout_sticky=blue' });
    expect([moved.status, moved.servedBy, moved.setCookie]).toEqual([200, 'green', 'turnout_sticky=green; Path=/; HttpOnly; SameSite=Lax']);
    expect(await eventually(() => running!.plane.status('blue').health === 'down')).toBe(true);
    expect((await get(url, { cookie: 'turnout_sticky=blue' })).servedBy).toBe('green');
  });

  it('failover: all to the primary, the backup while it is down, back after `rise` probes on the same port', async () => {
    const { url, plane } = await start({ routing: 'failover' }, [50, 50]);
    expect(await eventually(() => plane.status('blue').health === 'up')).toBe(true);
    for (let i = 0; i < 5; i++) expect((await get(url)).servedBy).toBe('blue');

    const port = Number(new URL(blue.url).port);
    await blue.close();
    // The first request may meet a kept-alive socket blue just closed (a reset, retried);
    // the next one is refused, which takes blue down at once. None of them fails.
    for (let i = 0; i < 6; i++) expect(await get(url)).toMatchObject({ status: 200, servedBy: 'green' });
    expect(plane.status('blue').health).toBe('down');

    blue = await startBackend('blue', undefined, port);
    expect(await eventually(async () => (await get(url)).servedBy === 'blue')).toBe(true);
    expect(plane.status('blue').health).toBe('up');
    expect(plane.status('blue').lastProbe).toMatchObject({ ok: true, status: 200 });
  });

  it('pins by header, cookie and query override weight 0, but not health', async () => {
    const { url, plane } = await start({ routing: 'round-robin' }, [100, 0]);
    expect((await get(url, { 'x-turnout-env': 'green' })).servedBy).toBe('green');
    expect((await get(url, { cookie: 'turnout_env=green' })).servedBy).toBe('green');
    expect((await get(`${url}/x?turnout-env=green`)).servedBy).toBe('green');
    expect((await get(url, { 'x-turnout-env': 'nope' })).servedBy).toBe('blue');
    expect(green.hits).toBe(3);

    await green.close();
    const pinnedToDown = await get(url, { 'x-turnout-env': 'green' });
    expect([pinnedToDown.status, pinnedToDown.servedBy]).toEqual([200, 'blue']);
    expect(await eventually(() => plane.status('green').health === 'down')).toBe(true);
    expect((await get(url, { 'x-turnout-env': 'green' })).servedBy).toBe('blue');
  });

  it('X-Served-By can be turned off', async () => {
    const { url } = await start({ routing: 'round-robin', proxy: { servedByHeader: false } }, [50, 50]);
    const response = await get(url);
    expect(response.status).toBe(200);
    expect(response.servedBy).toBeNull();
  });

  it('answers a clear 503 when every environment is down, and reports each transition', async () => {
    const { url, plane } = await start({ routing: 'round-robin' }, [50, 50]);
    const changes: string[] = [];
    plane.onHealthChange((change) => changes.push(`${change.name}:${change.before}->${change.after}`));
    expect(await eventually(() => plane.status('blue').health === 'up' && plane.status('green').health === 'up')).toBe(true);
    await blue.close();
    await green.close();
    expect(await eventually(() => plane.status('blue').health === 'down' && plane.status('green').health === 'down')).toBe(true);
    const response = await fetch(url);
    expect(response.status).toBe(503);
    expect(response.headers.get('x-turnout-error')).toBe('no-environment');
    expect(await response.text()).toContain('every environment is down or has weight 0');
    expect(changes).toEqual(expect.arrayContaining(['blue:up->down', 'green:up->down']));
  });

  it('takes an environment down after N consecutive 5xx when asked to', async () => {
    blue = await startBackend('blue', (_req, res) => {
      res.writeHead(500);
      res.end('broken');
    });
    green = await startBackend('green');
    // Probes pass (expect 500 counts as fine here) so only the passive rule can take blue down.
    const health = { ...FAST_HEALTH, intervalMs: 60_000, passive5xx: 3, expectStatusMax: 599 };
    running = await startPlane({
      environments: [
        { name: 'blue', url: blue.url, weight: 50, health },
        { name: 'green', url: green.url, weight: 50, health },
      ],
    });
    expect(await eventually(() => running!.plane.status('blue').health === 'up')).toBe(true);
    const statuses: number[] = [];
    for (let i = 0; i < 10; i++) statuses.push((await get(running.url)).status);
    expect(statuses.filter((s) => s === 500)).toHaveLength(3);
    expect(running.plane.status('blue').health).toBe('down');
  });
});
