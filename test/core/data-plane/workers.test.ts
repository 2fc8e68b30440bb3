import fs from 'node:fs';
import net from 'node:net';
import { availableParallelism } from 'node:os';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { WebSocket, WebSocketServer } from 'ws';
import { DataPlane } from '../../../electron/core/data-plane';
import type { DataPlaneEnvironment } from '../../../electron/core/data-plane-config';
import { createPlane } from '../../../electron/core/external/create-plane';
import { MAX_WORKERS } from '../../../shared/domain/data-plane-mode';
import { getOnNewConnection, startBackend, tally, type Backend } from '../../support/backends';
import { eventually, startPlane, type RunningPlane } from '../../support/data-plane';
import { runLoad } from '../../support/load';
import { bigTransferHandler, download, MB, TRANSFER, upload } from '../../support/big-transfer';

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

describe('the embedded proxy on two worker processes behind one port (real processes, real sockets)', () => {
  let blue: Backend;
  let green: Backend;
  let running: RunningPlane;
  /** Requests blue holds until the test releases them (health probes are answered at once). */
  const held: (() => void)[] = [];
  let holdBlue = false;

  const environments = (weights: [number, number]): DataPlaneEnvironment[] => [
    { name: 'blue', url: blue.url, weight: weights[0], health: { intervalMs: 200, timeoutMs: 500, rise: 1, fall: 1 } },
    { name: 'green', url: green.url, weight: weights[1], health: { intervalMs: 200, timeoutMs: 500, rise: 1, fall: 1 } },
  ];

  beforeAll(async () => {
    const transfer = bigTransferHandler();
    blue = await startBackend('blue', (req, res) => {
      if (req.url === '/big' || req.method === 'POST') transfer(req, res);
      else if (holdBlue && !req.headers['user-agent']?.startsWith('turnout-health')) held.push(() => res.end('blue'));
      else res.end('blue');
    });
    green = await startBackend('green');
    running = await startPlane({ environments: environments([50, 50]) }, { workers: 2 });
  });

  afterAll(async () => {
    const pids = running?.plane.workerPids ?? [];
    await running?.plane.stop();
    // Stopping leaves no worker behind.
    expect(pids.filter(isAlive)).toEqual([]);
    await blue.close();
    await green.close();
  });

  it('runs two worker processes, apart from this one', () => {
    const pids = running.plane.workerPids;
    expect(pids).toHaveLength(2);
    expect(pids).not.toContain(process.pid);
    expect(pids.every(isAlive)).toBe(true);
  });

  it('splits by the ratio from the very first new clients, and exactly over many', async () => {
    // Each worker starts its round robin at its own offset: two new clients at 50/50 see both.
    const firstTwo = [await getOnNewConnection(running.url), await getOnNewConnection(running.url)];
    expect(new Set(firstTwo.map((r) => r.servedBy))).toEqual(new Set(['blue', 'green']));

    running.plane.apply({ environments: environments([70, 30]) });
    const result = await runLoad(running.url, { total: 400, concurrency: 8, maxMs: 20_000 });
    expect(result.failures).toEqual([]);
    // Smooth WRR is exact per worker (7 in every 10); over both the split is within a step or two of 280/120.
    expect(result.servedBy.blue).toBeGreaterThanOrEqual(276);
    expect(result.servedBy.blue).toBeLessThanOrEqual(284);
  });

  it('adds up requests, responses and latency from every worker in the one-second series and /metrics', async () => {
    // A plane of its own: its count starts at 0, not at whatever the earlier tests' last
    // reports had brought in by some moment (a late report lands a second later).
    const own = await startPlane({ environments: environments([50, 50]) }, { workers: 2 });
    try {
      const counted = (): number => {
        const text = own.plane.prometheus();
        return ['blue', 'green'].reduce((sum, name) => sum + Number(new RegExp(`turnout_responses_total\\{environment="${name}",class="2xx"\\} (\\d+)`).exec(text)?.[1] ?? 0), 0);
      };
      const result = await runLoad(own.url, { total: 300, concurrency: 6, maxMs: 20_000 });
      expect(result.ok).toBe(300);
      // Workers report once a second: the 300 must all arrive, and no more than them, a sample later too.
      expect(await eventually(() => counted() >= 300, 10_000)).toBe(true);
      const samples = own.plane.metricsSeries().length;
      expect(await eventually(() => own.plane.metricsSeries().length >= samples + 1, 10_000)).toBe(true);
      expect(counted()).toBe(300);
      const series = own.plane.metricsSeries();
      const perSecond = series.map((sample) => (sample.environments.blue?.rps ?? 0) + (sample.environments.green?.rps ?? 0));
      expect(perSecond.reduce((a, b) => a + b, 0)).toBeGreaterThanOrEqual(300);
      const busiest = series.find((sample) => (sample.environments.blue?.rps ?? 0) > 0)!;
      expect(busiest.environments.blue!.latencyMs.p50).toBeGreaterThan(0);
    } finally {
      await own.plane.stop();
    }
  });

  it('is drained only when the requests held on every worker have finished', async () => {
    running.plane.apply({ environments: environments([100, 0]) });
    holdBlue = true;
    const slow = [getOnNewConnection(running.url), getOnNewConnection(running.url)];
    await expect.poll(() => running.plane.status('blue').inFlight).toBe(2);
    running.plane.apply({ environments: environments([0, 100]) });
    let drained = false;
    const waiting = running.plane.whenDrained('blue').then(() => (drained = true));
    expect(held).toHaveLength(2);
    held.shift()!();
    // The worker reports its in-flight gauge within 20 ms of the change; wait for it, not for a guess.
    await expect.poll(() => running.plane.status('blue').inFlight, { timeout: 5000 }).toBe(1);
    expect(drained).toBe(false);
    held.shift()!();
    await waiting;
    holdBlue = false;
    expect((await Promise.all(slow)).map((r) => r.status)).toEqual([200, 200]);
    expect(running.plane.status('blue')).toMatchObject({ drained: true, inFlight: 0 });
  });

  it('counts WebSockets over workers, keeps them through switches, and closes them for a drain', async () => {
    const wss = new WebSocketServer({ server: blue.server });
    wss.on('connection', (socket) => socket.on('message', (data) => socket.send(`blue:${String(data)}`)));
    running.plane.apply({ environments: environments([100, 0]) });
    const sockets = [new WebSocket(running.url.replace('http:', 'ws:')), new WebSocket(running.url.replace('http:', 'ws:'))];
    await Promise.all(sockets.map((ws) => new Promise((resolve, reject) => ws.once('open', resolve).once('error', reject))));
    await expect.poll(() => running.plane.status('blue').openWebSockets).toBe(2);
    running.plane.apply({ environments: environments([0, 100]) });
    const reply = new Promise((resolve) => sockets[1]!.once('message', (data) => resolve(String(data))));
    sockets[1]!.send('still here');
    expect(await reply).toBe('blue:still here');
    const closed = sockets.map((ws) => new Promise((resolve) => ws.once('close', resolve)));
    expect(running.plane.updateDrain('blue', 'end-connections')).toBe(2);
    await Promise.all(closed);
    await running.plane.whenDrained('blue');
    expect(running.plane.status('blue').openWebSockets).toBe(0);
    wss.close();
  });

  it('keeps every request when a backend dies under load, and marks it down for all workers', async () => {
    running.plane.apply({ environments: environments([50, 50]) });
    const spare = await startBackend('blue');
    running.plane.apply({ environments: [{ ...environments([50, 50])[0]!, url: spare.url }, environments([50, 50])[1]!] });
    const result = await runLoad(running.url, { total: 3000, concurrency: 40, maxMs: 30_000, hooks: [{ after: 800, run: () => void spare.close() }] });
    expect(result.failures).toEqual([]);
    expect(result.ok).toBe(3000);
    expect(await eventually(() => running.plane.status('blue').health === 'down', 2000)).toBe(true);
    // Every worker now sends new clients to green only.
    const after = await Promise.all(Array.from({ length: 6 }, () => getOnNewConnection(running.url)));
    expect(tally(after.map((r) => r.servedBy))).toEqual({ green: 6 });
    running.plane.apply({ environments: environments([50, 50]) });
    expect(await eventually(() => running.plane.status('blue').health === 'up', 3000)).toBe(true);
  });

  it('streams a 100 MB upload and download through a worker with bounded memory (its peak RSS)', async () => {
    running.plane.apply({ environments: environments([100, 0]) });
    const peakRss = (): number[] => running.plane.workerPids.map((pid) => Number(/VmHWM:\s+(\d+) kB/.exec(fs.readFileSync(`/proc/${pid}/status`, 'utf8'))![1]) * 1024);
    // Writing 5 to clear_refs resets a process's peak RSS (VmHWM) to its current RSS, so the peak measured is this transfer's.
    for (const pid of running.plane.workerPids) fs.writeFileSync(`/proc/${pid}/clear_refs`, '5');
    const before = peakRss();
    expect(Number(await upload(running.url))).toBe(TRANSFER);
    expect(await download(`${running.url}/big`)).toBe(TRANSFER);
    // Buffering a body whole would raise a worker's peak by at least the 100 MB moved (same budget as streams.test.ts).
    const growth = peakRss().map((peak, i) => (peak - before[i]!) / MB);
    expect(Math.max(...growth)).toBeLessThan(80);
  });

  it('pauses (new connections refused) and resumes on the same port', async () => {
    running.plane.pause();
    expect(running.plane.paused).toBe(true);
    await expect(getOnNewConnection(running.url)).rejects.toThrow(/ECONNREFUSED/);
    await running.plane.resume();
    expect((await getOnNewConnection(running.url)).status).toBe(200);
  });

  it('replaces a worker that dies, and new clients are served', async () => {
    const [victim, survivor] = running.plane.workerPids;
    process.kill(victim!, 'SIGKILL');
    expect(await eventually(() => running.plane.workerPids.length === 2 && !running.plane.workerPids.includes(victim!), 15_000, 100)).toBe(true);
    expect(running.plane.workerPids).toContain(survivor);
    // The replacement must be configured before its first connection: every answer is a real one.
    const answers = await Promise.all(Array.from({ length: 10 }, () => getOnNewConnection(running.url)));
    expect(answers.map((r) => r.status)).toEqual(Array(10).fill(200));
  }, 30_000);
});

describe('proxy workers: auto, and a taken port', () => {
  it('auto runs one worker per CPU core (in-process on a single core)', async () => {
    const backend = await startBackend('blue');
    const plane = createPlane({ kind: 'embedded', workers: 'auto' }, () => undefined) as DataPlane;
    const url = await plane.start('127.0.0.1', 0, [{ name: 'blue', url: backend.url, weight: 100 }]);
    const cores = Math.min(availableParallelism(), MAX_WORKERS);
    expect(plane.workerPids).toHaveLength(cores > 1 ? cores : 0);
    expect((await getOnNewConnection(url)).servedBy).toBe('blue');
    await plane.stop();
    await backend.close();
  });

  it('says the port is in use and leaves no worker process behind', async () => {
    const holder = net.createServer();
    await new Promise<void>((resolve) => holder.listen(0, '127.0.0.1', resolve));
    const port = (holder.address() as net.AddressInfo).port;
    const backend = await startBackend('blue');
    const plane = new DataPlane(() => undefined, { workers: 2 });
    await expect(plane.start('127.0.0.1', port, [{ name: 'blue', url: backend.url, weight: 100 }])).rejects.toThrow(`127.0.0.1:${port} is already in use`);
    expect(plane.workerPids).toEqual([]);
    await plane.stop();
    await backend.close();
    holder.close();
  });
});
