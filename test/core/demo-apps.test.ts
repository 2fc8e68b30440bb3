import http from 'node:http';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { WebSocket } from 'ws';
import { DemoApps } from '../../electron/core/demo/demo-apps';

/** Keep-alive off: a crash test must see the listener, not a pooled socket. */
async function get(url: string): Promise<{ status: number; type: string; body: string }> {
  const response = await fetch(url, { headers: { connection: 'close' } });
  return { status: response.status, type: response.headers.get('content-type') ?? '', body: await response.text() };
}

function firstMessages(url: string, count: number, send?: string): Promise<string[]> {
  return new Promise((resolve, reject) => {
    const socket = new WebSocket(url);
    const messages: string[] = [];
    const timer = setTimeout(() => reject(new Error(`only ${messages.length} messages: ${messages.join(' | ')}`)), 3000);
    socket.on('open', () => send !== undefined && socket.send(send));
    socket.on('message', (data) => {
      messages.push(String(data));
      if (messages.length < count) return;
      clearTimeout(timer);
      socket.close();
      resolve(messages);
    });
    socket.on('error', reject);
  });
}

describe('demo apps: page, JSON API, WebSocket, faults, crash, restart, new version (real sockets)', () => {
  let apps: DemoApps;
  let urls: Record<string, string>;

  beforeEach(async () => {
    apps = new DemoApps();
    urls = await apps.start([
      { name: 'blue', color: '#2f6fed' },
      { name: 'green', color: '#1f9d55' },
    ]);
  });

  afterEach(async () => {
    await apps.stop();
  });

  it('serves a page that polls /api/version, the version as JSON, and a WebSocket that greets and echoes', async () => {
    const page = await get(`${urls.blue}/`);
    expect(page.type).toContain('text/html');
    expect(page.body).toContain('v1 Blue');
    expect(page.body).toContain('#2f6fed');
    expect(page.body).toContain("fetch('/api/version'");
    expect(JSON.parse((await get(`${urls.green}/api/version`)).body)).toEqual({ environment: 'green', version: 'v2', label: 'v2 Green', color: '#1f9d55' });
    const ws = urls.green!.replace('http://', 'ws://');
    expect(await firstMessages(`${ws}/ws`, 2, 'ping')).toEqual(['hello from v2 green', 'echo from v2 green: ping']);
    expect(apps.views().map((view) => [view.label, view.running, view.requests])).toEqual([
      ['v1 Blue', true, 1],
      ['v2 Green', true, 1],
    ]);
  });

  it('answers the chosen share of requests with 500 and adds the chosen latency', async () => {
    apps.app('blue').faults = { latencyMs: 0, errorPercent: 30 };
    const agent = new http.Agent({ keepAlive: true, maxSockets: 20 });
    const statuses: number[] = [];
    const one = () =>
      new Promise<void>((resolve, reject) => {
        http.get(`${urls.blue}/api/version`, { agent }, (res) => {
          statuses.push(res.statusCode!);
          res.resume().on('end', resolve);
        }).on('error', reject);
      });
    for (let batch = 0; batch < 50; batch++) await Promise.all(Array.from({ length: 20 }, one));
    agent.destroy();
    const share = statuses.filter((status) => status === 500).length / statuses.length;
    // 1000 draws at 30 %: the standard deviation is 1.4 points, so ±5 is over 3 sigma.
    expect(share).toBeGreaterThan(0.25);
    expect(share).toBeLessThan(0.35);

    apps.app('green').faults = { latencyMs: 150, errorPercent: 0 };
    const started = performance.now();
    expect((await get(`${urls.green}/api/version`)).status).toBe(200);
    expect(performance.now() - started).toBeGreaterThanOrEqual(145);
  });

  it('crash refuses connections; restart serves again on the same port', async () => {
    apps.app('blue').crash();
    await expect(get(`${urls.blue}/api/version`)).rejects.toThrow();
    expect(apps.views()[0]!.running).toBe(false);
    await apps.app('blue').restart();
    expect(apps.app('blue').url).toBe(urls.blue);
    expect(JSON.parse((await get(`${urls.blue}/api/version`)).body).label).toBe('v1 Blue');
  });

  it('a new version takes over on the same port while a request in flight finishes on the old one', async () => {
    apps.app('blue').faults = { latencyMs: 400, errorPercent: 0 };
    const before = apps.views()[0]!.requests;
    const inFlight = get(`${urls.blue}/api/version`);
    // In flight means arrived: the app counts a request as it starts answering it.
    await expect.poll(() => apps.views()[0]!.requests, { timeout: 5000, interval: 5 }).toBe(before + 1);
    apps.app('blue').faults = { latencyMs: 0, errorPercent: 0 };
    await apps.app('blue').restart(apps.nextVersion());
    expect(JSON.parse((await get(`${urls.blue}/api/version`)).body).label).toBe('v3 Blue');
    const old = await inFlight;
    expect([old.status, JSON.parse(old.body).label]).toEqual([200, 'v1 Blue']);
    await apps.app('green').restart(apps.nextVersion());
    expect(apps.views().map((view) => view.version)).toEqual(['v3', 'v4']);
  });
});
