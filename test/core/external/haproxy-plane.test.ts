import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DataPlaneConfig } from '../../../electron/core/data-plane-config';
import { HaproxyPlane } from '../../../electron/core/external/haproxy-plane';
import { runtimeCommand } from '../../../electron/core/external/haproxy-runtime';
import type { HealthChange } from '../../../electron/core/health/health-monitor';
import { servedBy, startBackend, tally, type Backend } from '../../support/backends';
import { eventually } from '../../support/data-plane';
import { HAPROXY, hasHaproxy } from '../../support/external-tools';
import { runLoad } from '../../support/load';

const FAST = { intervalMs: 200, timeoutMs: 500, rise: 1, fall: 1 };

describe.skipIf(!hasHaproxy)('HAProxy mode: a real HAProxy driven through its runtime API (haproxy not installed: apt-get install haproxy)', () => {
  let blue: Backend;
  let green: Backend;
  let plane: HaproxyPlane;
  let url: string;
  const changes: HealthChange[] = [];
  const config = (b: number, g: number, routing: DataPlaneConfig['routing'] = 'round-robin'): DataPlaneConfig => ({
    routing,
    environments: [
      { name: 'blue', url: blue.url, weight: b, health: FAST },
      { name: 'green', url: green.url, weight: g, health: FAST },
    ],
  });

  beforeAll(async () => {
    blue = await startBackend('blue');
    green = await startBackend('green');
    plane = new HaproxyPlane(() => undefined, HAPROXY);
    plane.onHealthChange((change) => changes.push(change));
    url = await plane.start('127.0.0.1', 0, config(70, 30));
  });

  afterAll(async () => {
    await plane?.stop();
    await blue?.close();
    await green?.close();
  });

  it('splits exactly: 70/30 over 100 sequential requests, within one of the weights', async () => {
    const served = await servedBy(url, 100);
    const counts = tally(served);
    expect(Math.abs((counts.blue ?? 0) - 70)).toBeLessThanOrEqual(1);
    expect(Math.abs((counts.green ?? 0) - 30)).toBeLessThanOrEqual(1);
    // Smooth: no run of green longer than one at 70/30, as with nginx's algorithm.
    expect(served.join(',')).not.toContain('green,green');
  });

  it('applies ratio changes through the runtime API under load with 0 failed requests', async () => {
    const steps: [number, number][] = [[0, 100], [100, 0], [50, 50], [10, 90], [70, 30]];
    const result = await runLoad(url, {
      total: 3000,
      concurrency: 16,
      maxMs: 20_000,
      hooks: steps.map(([b, g], index) => ({ after: 400 + index * 500, run: () => plane.apply(config(b, g)) })),
    });
    await plane.settled();
    expect(result.failures).toEqual([]);
    expect(result.ok).toBe(3000);
    const stat = await runtimeCommand(`${plane.configFile.replace(/haproxy\.cfg$/, 'admin.sock')}`, 'get weight turnout_turnout/green');
    expect(stat.trim()).toMatch(/^30 \(initial 30\)/);
    const after = tally(await servedBy(url, 100));
    expect(Math.abs((after.blue ?? 0) - 70)).toBeLessThanOrEqual(1);
  });

  it('weight 0 drains: no new requests, and whenDrained resolves once nothing is in flight', async () => {
    plane.apply(config(100, 0));
    await plane.settled();
    expect(tally(await servedBy(url, 50))).toEqual({ blue: 50 });
    await expect(plane.whenDrained('green')).resolves.toBeUndefined();
    plane.apply(config(70, 30));
    await plane.settled();
  });

  it('reports requests and health from HAProxy, and a stopped backend goes down', async () => {
    expect(await eventually(() => plane.status('blue').requests > 0 && plane.status('blue').health === 'up')).toBe(true);
    await green.close();
    expect(await eventually(() => plane.status('green').health === 'down')).toBe(true);
    expect(changes.some((change) => change.name === 'green' && change.after === 'down')).toBe(true);
    expect(tally(await servedBy(url, 20))).toEqual({ blue: 20 });
    green = await startBackend('green', undefined, Number(new URL(green.url).port));
    expect(await eventually(() => plane.status('green').health === 'up')).toBe(true);
    expect(plane.prometheus()).toMatch(/turnout_requests_total\{environment="blue"\} \d+/);
  });

  it('sticky: new clients split by weight and pinned by cookie, even at weight 0; routing change hands over to a new HAProxy', async () => {
    plane.apply(config(50, 50, 'sticky'));
    await plane.settled();
    const first = await fetch(url);
    const cookie = first.headers.get('set-cookie') ?? '';
    const pinned = first.headers.get('x-served-by')!;
    expect(cookie).toMatch(/^turnout_sticky=(blue|green)/);
    plane.apply(config(pinned === 'blue' ? 0 : 100, pinned === 'blue' ? 100 : 0, 'sticky'));
    await plane.settled();
    for (let i = 0; i < 5; i++) {
      const response = await fetch(url, { headers: { cookie: cookie.split(';')[0]! } });
      expect(response.headers.get('x-served-by')).toBe(pinned);
    }
    expect((await fetch(url, { headers: { 'x-turnout-env': pinned === 'blue' ? 'green' : 'blue' } })).headers.get('x-served-by')).not.toBe(pinned);
  });
});
