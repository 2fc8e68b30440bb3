import http from 'node:http';
import { afterEach, describe, expect, it } from 'vitest';
import { startBackend, type Backend } from '../../support/backends';
import { FAST_HEALTH, startPlane, type RunningPlane } from '../../support/data-plane';
import { runLoad } from '../../support/load';

/** One request with a method and optional body; resolves with status and body. */
function send(url: string, method: string, body?: string): Promise<{ status: number; text: string }> {
  return new Promise((resolve, reject) => {
    const request = http.request(url, { method, agent: false }, (res) => {
      let text = '';
      res.on('data', (chunk) => (text += chunk));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, text }));
    });
    request.on('error', reject);
    request.end(body);
  });
}

// Both ways the embedded proxy runs: in Turnout's process, and as two worker processes behind one port.
describe.each([1, 2])('never drop (real backends, real sockets, %i proxy process(es))', (workers) => {
  let blue: Backend;
  let green: Backend;
  let running: RunningPlane;

  // Probes as quick as FAST_HEALTH, but one slow answer does not mark a side down: under 50
  // concurrent requests on a busy 2-core machine, a probe of the surviving side can take over
  // 500 ms, and with fall 1 that alone left no environment up (a 503 no user would see with
  // the defaults: timeout 2 s, fall 3).
  const LOADED_HEALTH: typeof FAST_HEALTH = { ...FAST_HEALTH, timeoutMs: 2000, fall: 2 };
  const environments = (weights: [number, number], health = LOADED_HEALTH) => [
    { name: 'blue', url: blue.url, weight: weights[0], health },
    { name: 'green', url: green.url, weight: weights[1], health },
  ];

  afterEach(async () => {
    await running?.plane.stop();
    await blue.close();
    await green.close();
  });

  it('kills an environment under load (5000 requests, 50 at a time): no request fails', async () => {
    blue = await startBackend('blue');
    green = await startBackend('green');
    running = await startPlane({ environments: environments([50, 50]) }, { workers });
    const result = await runLoad(running.url, { total: 5000, concurrency: 50, maxMs: 40_000, hooks: [{ after: 1500, run: () => void blue.close() }] });
    expect(result.done).toBe(5000);
    expect(result.failures).toEqual([]);
    expect(result.ok).toBe(5000);
    expect(result.servedBy.green!).toBeGreaterThan(3000);
    const status = running.plane.status('blue');
    expect(status.health).toBe('down');
    expect(status.inFlight).toBe(0);
  });

  it('switches the ratio 100 times under load: no request fails, no keep-alive connection closes', async () => {
    blue = await startBackend('blue');
    green = await startBackend('green');
    running = await startPlane({ environments: environments([50, 50]) }, { workers });
    let flips = 0;
    const hooks = Array.from({ length: 100 }, (_, i) => ({
      after: 30 * (i + 1),
      run: () => {
        flips++;
        running.plane.apply({ environments: environments(i % 2 === 0 ? [90, 10] : [0, 100]) });
      },
    }));
    const connections = { blue: 0, green: 0 };
    blue.server.on('connection', () => connections.blue++);
    green.server.on('connection', () => connections.green++);
    const result = await runLoad(running.url, { total: 3100, concurrency: 50, maxMs: 40_000, hooks });
    expect(flips).toBe(100);
    expect(result.failures).toEqual([]);
    expect(result.ok).toBe(3100);
    // Upstream keep-alive survives: connections are reused across all 100 switches, not reopened per switch.
    expect(connections.blue + connections.green).toBeLessThan(200);
  });

  it('retries an idempotent request without a body once on another environment, and counts it', async () => {
    blue = await startBackend('blue');
    green = await startBackend('green');
    // Health off: only the retry can save these requests.
    running = await startPlane({ environments: environments([50, 50], { enabled: false }) }, { workers });
    await green.close();
    for (const method of ['GET', 'HEAD', 'OPTIONS', 'PUT', 'DELETE']) {
      const results = await Promise.all([send(running.url, method), send(running.url, method)]);
      expect(results.map((r) => r.status)).toEqual([200, 200]);
    }
    await expect.poll(() => running.plane.status('green').inFlight).toBe(0);
    // Worker processes report their counters once a second.
    await expect.poll(() => running.plane.prometheus(), { timeout: 3000 }).toMatch(/turnout_retries_total\{environment="green"\} [1-9]/);
  });

  it('answers a non-idempotent request or one with a body with a clear 502 instead of retrying', async () => {
    blue = await startBackend('blue');
    green = await startBackend('green');
    running = await startPlane({ environments: environments([0, 100], { enabled: false }) }, { workers });
    await green.close();
    const post = await send(running.url, 'POST', 'order=1');
    expect(post.status).toBe(502);
    expect(post.text).toMatch(/^502 Bad gateway\n\nTurnout could not serve this request: environment "green" at http:\/\/127\.0\.0\.1:\d+ failed: ECONNREFUSED/);
    const putWithBody = await send(running.url, 'PUT', 'x');
    expect(putWithBody.status).toBe(502);
    expect(blue.hits).toBe(0);
  });

  it('reports drained once weight is 0 and the last request finished', async () => {
    let release: () => void = () => undefined;
    blue = await startBackend('blue', (req, res) => {
      // Health probes pass; only the client's request is held.
      if (req.headers['user-agent']?.startsWith('turnout-health')) res.end('ok');
      else release = () => res.end('blue');
    });
    green = await startBackend('green');
    running = await startPlane({ environments: environments([100, 0]) }, { workers });
    const slow = send(running.url, 'GET');
    await expect.poll(() => running.plane.status('blue').inFlight).toBe(1);
    running.plane.apply({ environments: environments([0, 100]) });
    let drained = false;
    const waiting = running.plane.whenDrained('blue').then(() => (drained = true));
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(drained).toBe(false);
    expect(running.plane.status('blue').drained).toBe(false);
    release();
    expect((await slow).status).toBe(200);
    await waiting;
    expect(running.plane.status('blue')).toMatchObject({ drained: true, inFlight: 0 });
  });
});
