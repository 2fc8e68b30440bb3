import http from 'node:http';
import { afterEach, describe, expect, it } from 'vitest';
import type { FlowView } from '../../../shared/contract/flow';
import type { MethodArgs } from '../../../shared/contract/methods';
import { methods } from '../../../shared/contract/methods';
import { serversState, startAttachedHaproxy, startTunnel, type ServerRow } from '../../support/attached-haproxy';
import { startBackend, type Backend } from '../../support/backends';
import { startControl } from '../../support/control-fixture';
import { eventually } from '../../support/data-plane';
import { hasHaproxy } from '../../support/external-tools';
import { startSteadyLoad } from '../../support/steady-load';
import { makeTempDir } from '../../support/temp-dir';

const DRAIN = 0x08;
const MAINT = 0x01;

/** The team's app: names itself (HAProxy's config is theirs, it adds nothing) and holds /slow for 1.5 s. */
const app = (name: string, port = 0): Promise<Backend> =>
  startBackend(
    name,
    (req, res) => {
      const answer = (): void => {
        res.writeHead(200, { 'x-served-by': name, 'content-type': 'text/plain' });
        res.end(name);
      };
      if (req.url === '/slow') setTimeout(answer, 1500);
      else answer();
    },
    port,
  );

const slowGet = (url: string): Promise<string> =>
  new Promise((resolve, reject) => {
    http.get(`${url}/slow`, { agent: false }, (res) => {
      res.resume();
      res.on('end', () => resolve(`${res.statusCode} ${String(res.headers['x-served-by'])}`));
    }).on('error', reject);
  });

/**
 * The guided update steering an HAProxy Turnout did not start, through the control service
 * as `turnout serve` runs it: HAProxy's own server states (drain, maint, ready) and weights,
 * read back with `show servers state` at each step, under steady keep-alive load through
 * HAProxy's frontend.
 */
describe.skipIf(!hasHaproxy)('guided update on an attached HAProxy (haproxy not installed: apt-get install haproxy)', () => {
  const cleanup: (() => Promise<void> | void)[] = [];
  afterEach(async () => {
    for (const step of cleanup.reverse()) await step();
    cleanup.length = 0;
  });

  async function setup(options: { tunnel?: boolean } = {}) {
    const temp = makeTempDir('turnout-attach-flow-');
    cleanup.push(temp.cleanup);
    const blue = { current: await app('blue') };
    const green = { current: await app('green') };
    cleanup.push(() => blue.current.close(), () => green.current.close());
    const haproxy = await startAttachedHaproxy(temp.dir, { 'app-1': blue.current.url, 'app-2': green.current.url });
    cleanup.push(() => haproxy.stop());
    const tunnel = options.tunnel ? await startTunnel(haproxy.admin) : undefined;
    if (tunnel) cleanup.push(() => tunnel.close().catch(() => undefined));
    const running = await startControl(temp.dir, { blue: blue.current.url, green: green.current.url }, {
      name: 'Staging',
      health: { rise: 2 },
      extra: { dataPlane: { kind: 'haproxy-attach', socket: tunnel?.address ?? haproxy.admin, backend: 'web', servers: { blue: 'app-1', green: 'app-2' } } },
    });
    cleanup.push(() => running.stop());
    const { control } = running;
    const call = {
      start: (args: MethodArgs<'updateStart'>) => control.updateStart(methods.updateStart.input.parse(args), { source: 'cli' }),
      next: () => control.updateNext({ manual: false }, { source: 'cli' }),
      view: async () => (await control.getUpdate({}, { source: 'cli' }))!,
    };
    const waitFor = async (check: (view: FlowView) => boolean, ms = 10_000) => {
      expect(await eventually(async () => check(await call.view()), ms, 20), JSON.stringify(await call.view(), null, 1)).toBe(true);
    };
    /** `show servers state web` straight from HAProxy's own admin socket, not through Turnout. */
    const servers = (): Promise<Record<string, ServerRow>> => serversState(haproxy.admin, 'web');
    const serversBecome = async (check: (rows: Record<string, ServerRow>) => boolean) => {
      expect(await eventually(async () => check(await servers()), 5000, 20), JSON.stringify(await servers())).toBe(true);
    };
    const restart = async (backend: { current: Backend }, name: string) => {
      backend.current = await app(name, Number(new URL(backend.current.url).port));
    };
    return { ...running, haproxy, tunnel, blue, green, call, waitFor, servers, serversBecome, restart };
  }

  it('drain → maint → verify (ready at weight 0, HAProxy checks) → swap → green → restore, 0 failed requests under load', async () => {
    const { control, haproxy, blue, green, call, waitFor, servers, serversBecome, restart } = await setup();
    await control.setRatio({ weights: { blue: 70, green: 30 } }, { source: 'window' });
    expect(await servers()).toMatchObject({ 'app-1': { weight: 70, admin: 0 }, 'app-2': { weight: 30, admin: 0 } });
    const load = startSteadyLoad(haproxy.url, 4, 60_000);

    // Long requests in flight on blue: the drain has to wait for HAProxy's own count of them (scur).
    const slow = Array.from({ length: 6 }, () => slowGet(haproxy.url));
    let slowDone = false;
    const slowAll = Promise.all(slow).then((answers) => ((slowDone = true), answers));
    expect(await eventually(async () => (await control.getState()).environments.find((env) => env.name === 'blue')!.inFlight > 0, 5000, 10)).toBe(true);

    await call.start({ first: 'blue' });
    await serversBecome((rows) => rows['app-1']!.weight === 0 && (rows['app-1']!.admin & DRAIN) !== 0);
    expect((await servers())['app-2']).toMatchObject({ weight: 100, admin: 0 });
    expect((await call.view()).waitingFor?.kind).toBe('drained');
    expect(slowDone).toBe(false);

    await waitFor((view) => view.waitingFor?.kind === 'user' && view.waitingFor.env === 'blue');
    // Drained only once HAProxy counted no current sessions: the long requests all finished, answered.
    expect(slowDone).toBe(true);
    expect((await slowAll).every((answer) => answer.startsWith('200 '))).toBe(true);
    await serversBecome((rows) => (rows['app-1']!.admin & MAINT) !== 0);
    expect((await servers())['app-1']!.weight).toBe(0);

    // The update: blue goes away; verify begins while it is still down.
    await blue.current.close();
    await call.next();
    await waitFor((view) => view.waitingFor?.kind === 'health' && view.waitingFor.env === 'blue');
    // Out of maint at weight 0 so HAProxy's own checks can verify it; it gets no traffic yet.
    await serversBecome((rows) => rows['app-1']!.admin === 0 && rows['app-1']!.op === 0);
    expect((await servers())['app-1']!.weight).toBe(0);
    await restart(blue, 'blue');

    await waitFor((view) => view.waitingFor?.kind === 'user' && view.waitingFor.env === 'green');
    // Swapped: blue takes everything, green went through drain to maint.
    await serversBecome((rows) => (rows['app-2']!.admin & MAINT) !== 0);
    expect(await servers()).toMatchObject({ 'app-1': { weight: 100, admin: 0, op: 2 }, 'app-2': { weight: 0 } });

    await green.current.close();
    await restart(green, 'green');
    await call.next();
    await waitFor((view) => view.status !== 'running', 15_000);
    await new Promise((resolve) => setTimeout(resolve, 300));
    const result = await load.stop();

    expect((await call.view()).status).toBe('done');
    expect(await servers()).toMatchObject({ 'app-1': { weight: 70, admin: 0, op: 2 }, 'app-2': { weight: 30, admin: 0, op: 2 } });
    expect(result.failures).toEqual([]);
    expect(result.ok).toBeGreaterThan(100);
    expect(Object.keys(result.servedBy).sort()).toEqual(['blue', 'green']);
    const state = await control.getState();
    expect(state.environments.map((env) => env.weight)).toEqual([70, 30]);
    expect(state.profile.restoreWeights).toBeNull();
    const flowEntries = (await control.getHistory({ limit: 100, kind: 'flow' })).entries.map((entry) => entry.action).reverse();
    expect(flowEntries).toEqual(['start blue-green, blue first', 'drain blue', 'update blue', 'verify blue', 'swap', 'drain green', 'update green', 'verify green', 'restore', 'done']);
  }, 60_000);

  it('the runtime socket dies mid-update: said so, no step claimed that was not taken, nothing stored as applied, and it goes on when it is back', async () => {
    const { control, store, haproxy, tunnel, blue, green, call, waitFor, servers, serversBecome, restart } = await setup({ tunnel: true });
    await control.setRatio({ weights: { blue: 70, green: 30 } }, { source: 'window' });
    const load = startSteadyLoad(haproxy.url, 4, 60_000);
    const problem = async () => (await control.getState()).profile.dataPlane?.problem ?? null;
    const flowHistory = async () => (await control.getHistory({ limit: 100, kind: 'flow' })).entries.map((entry) => entry.action).reverse();
    const outage = async () => {
      await tunnel!.close();
      expect(await eventually(async () => (await problem())?.includes('cannot reach the HAProxy runtime API') === true)).toBe(true);
    };
    const back = async () => {
      await tunnel!.reopen();
      expect(await eventually(async () => (await problem()) === null)).toBe(true);
    };

    // Starting needs the drain's ratio on HAProxy: refused, nothing stored, no flow, no history.
    await outage();
    await expect(call.start({ first: 'blue' })).rejects.toMatchObject({ code: 'UNAVAILABLE', message: expect.stringMatching(/^not applied: cannot reach the HAProxy runtime API/) });
    expect(await control.getUpdate({}, { source: 'cli' })).toBeNull();
    expect(await flowHistory()).toEqual([]);
    expect(store.profiles.active()).toMatchObject({ restoreWeights: null, environments: [{ name: 'blue', weight: 70 }, { name: 'green', weight: 30 }] });
    expect(await servers()).toMatchObject({ 'app-1': { weight: 70, admin: 0 }, 'app-2': { weight: 30, admin: 0 } });

    await back();
    await call.start({ first: 'blue' });
    await waitFor((view) => view.waitingFor?.kind === 'user' && view.waitingFor.env === 'blue');
    await serversBecome((rows) => (rows['app-1']!.admin & MAINT) !== 0 && rows['app-1']!.weight === 0);

    // The socket goes away while blue is being updated.
    await outage();
    await blue.current.close();
    await restart(blue, 'blue');
    await call.next();
    await waitFor((view) => view.waitingFor?.kind === 'health' && view.waitingFor.env === 'blue');
    // A ratio set by hand meanwhile is an error, and neither stored nor recorded.
    await expect(control.setRatio({ weights: { blue: 50, green: 50 } }, { source: 'cli' })).rejects.toMatchObject({ code: 'UNAVAILABLE' });
    // A while with the socket gone (several of Turnout's polls and the flow's ticks): blue could not
    // be taken out of maint, so verify cannot pass and nothing after it is claimed.
    await new Promise((resolve) => setTimeout(resolve, 1500));
    expect((await call.view()).waitingFor?.kind).toBe('health');
    expect(await flowHistory()).toEqual(['start blue-green, blue first', 'drain blue', 'update blue']);
    expect((await servers())['app-1']).toMatchObject({ weight: 0, admin: MAINT });
    expect(store.profiles.active()!.environments.map((env) => env.weight)).toEqual([0, 100]);

    // Back: the state it could not send goes out, HAProxy's checks verify blue, and the flow goes on by itself.
    await back();
    await waitFor((view) => view.waitingFor?.kind === 'user' && view.waitingFor.env === 'green', 15_000);
    await serversBecome((rows) => rows['app-1']!.weight === 100 && rows['app-1']!.admin === 0 && (rows['app-2']!.admin & MAINT) !== 0);
    await green.current.close();
    await restart(green, 'green');
    await call.next();
    await waitFor((view) => view.status !== 'running', 15_000);
    const result = await load.stop();

    expect((await call.view()).status).toBe('done');
    expect(result.failures).toEqual([]);
    expect(result.ok).toBeGreaterThan(100);
    expect(await servers()).toMatchObject({ 'app-1': { weight: 70, admin: 0 }, 'app-2': { weight: 30, admin: 0 } });
    expect(await flowHistory()).toEqual(['start blue-green, blue first', 'drain blue', 'update blue', 'verify blue', 'swap', 'drain green', 'update green', 'verify green', 'restore', 'done']);
    const ratios = (await control.getHistory({ limit: 100, kind: 'ratio' })).entries.map((entry) => entry.after);
    expect(ratios).not.toContainEqual({ blue: 50, green: 50 });
  }, 60_000);
});
