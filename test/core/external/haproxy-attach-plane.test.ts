import http from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DataPlaneConfig } from '../../../electron/core/data-plane-config';
import { HaproxyAttachPlane } from '../../../electron/core/external/haproxy-attach-plane';
import { checkRuntimeAnswer, runtimeCommand } from '../../../electron/core/external/haproxy-runtime';
import { parseServersState } from '../../../electron/core/external/haproxy-servers-state';
import type { HaproxyAttach } from '../../../shared/domain/haproxy-attach';
import { startAttachedSetup, startTunnel, type AttachedHaproxy, type AttachedSetup, type Tunnel } from '../../support/attached-haproxy';
import { tally, type Backend } from '../../support/backends';
import { eventually } from '../../support/data-plane';
import { hasHaproxy } from '../../support/external-tools';
import { runLoad } from '../../support/load';
import { makeTempDir } from '../../support/temp-dir';

const SERVERS = { blue: 'app-1', green: 'app-2' };

const get = (url: string): Promise<string> =>
  new Promise((resolve, reject) => {
    http.get(url, { agent: false }, (res) => {
      res.resume();
      res.on('end', () => resolve(String(res.headers['x-served-by'])));
    }).on('error', reject);
  });

async function served(url: string, count: number): Promise<Record<string, number>> {
  const names: string[] = [];
  for (let i = 0; i < count; i++) names.push(await get(url));
  return tally(names);
}

describe.skipIf(!hasHaproxy)('haproxy-attach: steering an HAProxy Turnout did not start (haproxy not installed: apt-get install haproxy)', () => {
  const temp = makeTempDir('turnout-attach-');
  let blue: Backend;
  let green: Backend;
  let haproxy: AttachedHaproxy;
  const config = (b: number, g: number): DataPlaneConfig => ({
    routing: 'round-robin',
    environments: [
      { name: 'blue', url: blue.url, weight: b },
      { name: 'green', url: green.url, weight: g },
    ],
  });
  const mode = (socket: string, extra: Partial<HaproxyAttach> = {}): HaproxyAttach => ({ kind: 'haproxy-attach', socket, backend: 'web', servers: SERVERS, ...extra });
  const adminState = async (server: string): Promise<number> =>
    parseServersState(await runtimeCommand(haproxy.admin, 'show servers state web'))!.find((row) => row.server === server)!.adminState;

  let setup: AttachedSetup | undefined;

  beforeAll(async () => {
    setup = await startAttachedSetup(temp.dir);
    ({ blue, green, haproxy } = setup);
  });

  afterAll(async () => {
    await setup?.stop();
    temp.cleanup();
  });

  it.each([
    ['the socket is at level user', () => mode(haproxy.user), /level "user": setting weights needs .*level admin/],
    ['the socket is at level operator', () => mode(haproxy.operator), /level "operator"/],
    ['the backend is missing', () => mode(haproxy.admin, { backend: 'nope' }), /no backend "nope"/],
    ['a server is missing', () => mode(haproxy.admin, { servers: { blue: 'app-1', green: 'app-9' } }), /no server "app-9" \(for green\); it has: app-1, app-2/],
    ['an environment has no server', () => mode(haproxy.admin, { servers: { blue: 'app-1' } }), /"green" has no HAProxy server/],
    ['nothing listens there', () => mode('127.0.0.1:1'), /cannot reach the HAProxy runtime API at 127\.0\.0\.1:1: ECONNREFUSED/],
  ])('refuses with one line, changing nothing, when %s', async (_what, attach, reason) => {
    // What Turnout could change (weights, admin states); the raw text also carries check timers that move by themselves.
    const settable = async () => parseServersState(await runtimeCommand(haproxy.admin, 'show servers state web'));
    const before = await settable();
    const plane = new HaproxyAttachPlane(attach());
    const error = await plane.start('127.0.0.1', 8800, config(10, 90)).catch((failure: Error) => failure);
    await plane.stop();
    expect(error).toBeInstanceOf(Error);
    expect((error as Error).message).toMatch(reason);
    expect((error as Error).message).not.toContain('\n');
    expect(await settable()).toEqual(before);
  });

  it('takes HAProxy\'s blank line as a confirmation, and no bytes at all (the connection closed first) as none', async () => {
    expect(await runtimeCommand(haproxy.admin, 'set weight web/app-1 50')).toBe('\n');
    expect(() => checkRuntimeAnswer('set weight web/app-1 50', '\n')).not.toThrow();
    expect(() => checkRuntimeAnswer('set weight web/app-1 50', '')).toThrow('no answer from the HAProxy runtime API to "set weight web/app-1 50" (the connection closed first)');
    expect(() => checkRuntimeAnswer('set weight web/app-9 50', 'No such server.\n')).toThrow('HAProxy refused "set weight web/app-9 50": No such server.');
  });

  it('over a unix socket: sets weights, and traffic really moves under steady load with 0 failed requests', async () => {
    const plane = new HaproxyAttachPlane(mode(haproxy.unixSocket));
    try {
      await plane.start('127.0.0.1', 8800, config(70, 30));
      expect((await runtimeCommand(haproxy.unixSocket, 'get weight web/app-1')).trim()).toMatch(/^70 /);
      const steps: [number, number][] = [[0, 100], [100, 0], [50, 50], [70, 30]];
      const result = await runLoad(haproxy.url, {
        total: 2000,
        concurrency: 16,
        maxMs: 20_000,
        hooks: steps.map(([b, g], index) => ({ after: 300 + index * 400, run: () => plane.applyConfirmed(config(b, g)) })),
      });
      expect(result.failures).toEqual([]);
      expect(result.ok).toBe(2000);
      const after = await served(haproxy.url, 100);
      expect(Math.abs((after.blue ?? 0) - 70)).toBeLessThanOrEqual(1);
      await plane.applyConfirmed(config(0, 100));
      expect(await served(haproxy.url, 30)).toEqual({ green: 30 });
      expect(await eventually(() => plane.status('green').requests > 0 && plane.status('green').health === 'up')).toBe(true);
      expect(await eventually(() => (plane.metrics()?.environments.green?.requests ?? 0) > 0, 3000)).toBe(true);
    } finally {
      await plane.stop();
    }
  });

  it('guided update over TCP: begin → drain waits on current sessions, release → maint, weight again → ready', async () => {
    const plane = new HaproxyAttachPlane(mode(haproxy.admin));
    try {
      await plane.start('127.0.0.1', 8800, config(100, 0));
      const slow = get(`${haproxy.url}/slow`);
      expect(await eventually(() => plane.status('blue').inFlight === 1)).toBe(true);
      await plane.applyConfirmed(config(0, 100));
      plane.updateDrain('blue', 'begin');
      expect(await eventually(async () => ((await adminState('app-1')) & 0x08) !== 0)).toBe(true);
      expect(plane.status('blue').drained).toBe(false);
      await plane.whenDrained('blue');
      expect(await slow).toBe('blue');
      plane.updateDrain('blue', 'release');
      expect(await eventually(async () => ((await adminState('app-1')) & 0x01) !== 0)).toBe(true);
      expect(await served(haproxy.url, 10)).toEqual({ green: 10 });
      await plane.applyConfirmed(config(50, 50));
      expect(await adminState('app-1')).toBe(0);
      expect(await served(haproxy.url, 10)).toEqual({ blue: 5, green: 5 });
    } finally {
      await plane.stop();
    }
  });

  it('a socket that goes away: said so, a change fails without being taken as applied, and it comes back', async () => {
    let tunnel: Tunnel | undefined = await startTunnel(haproxy.admin);
    const plane = new HaproxyAttachPlane(mode(tunnel.address));
    try {
      await plane.start('127.0.0.1', 8800, config(50, 50));
      await tunnel.close();
      expect(await eventually(() => !plane.listening)).toBe(true);
      expect(await eventually(() => /cannot reach the HAProxy runtime API at 127\.0\.0\.1:\d+: ECONNREFUSED \(retrying/.test(plane.problem ?? ''))).toBe(true);
      await expect(plane.applyConfirmed(config(0, 100))).rejects.toThrow(/cannot reach/);
      // Nothing changed on HAProxy, traffic goes on at the old ratio, and no drain is believed.
      expect((await runtimeCommand(haproxy.admin, 'get weight web/app-1')).trim()).toMatch(/^50 /);
      expect(await served(haproxy.url, 10)).toEqual({ blue: 5, green: 5 });
      expect(plane.status('blue').drained).toBe(false);
      await tunnel.reopen();
      expect(await eventually(() => plane.listening && plane.problem === null)).toBe(true);
      await plane.applyConfirmed(config(0, 100));
      expect(await served(haproxy.url, 10)).toEqual({ green: 10 });
      await plane.applyConfirmed(config(50, 50));
    } finally {
      await plane.stop();
      await tunnel?.close().catch(() => undefined);
      tunnel = undefined;
    }
  });
});
