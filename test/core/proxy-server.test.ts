import http from 'node:http';
import type net from 'node:net';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ProxyServer } from '../../electron/core/proxy/proxy-server';
import { servedBy, startBackend, tally, type Backend } from '../support/backends';

describe('proxy server (real sockets)', () => {
  let blue: Backend;
  let green: Backend;
  let proxy: ProxyServer;
  let url: string;

  beforeEach(async () => {
    blue = await startBackend('blue');
    green = await startBackend('green');
    proxy = new ProxyServer();
    proxy.configure([
      { name: 'blue', url: blue.url, weight: 70 },
      { name: 'green', url: green.url, weight: 30 },
    ]);
    url = `http://127.0.0.1:${await proxy.listen('127.0.0.1', 0)}`;
  });

  afterEach(async () => {
    await proxy.close();
    await blue.close();
    await green.close();
  });

  it('splits 70/30 exactly and tags each response with X-Served-By', async () => {
    const served = await servedBy(url, 100);
    expect(tally(served)).toEqual({ blue: 70, green: 30 });
    expect([blue.hits, green.hits]).toEqual([70, 30]);
  });

  it('answers with the body of the environment it names', async () => {
    const response = await fetch(url);
    expect(await response.text()).toBe(response.headers.get('x-served-by'));
  });

  it('moves traffic on a ratio change without dropping the keep-alive connection', async () => {
    const agent = new http.Agent({ keepAlive: true, maxSockets: 1 });
    const sockets = new Set<net.Socket>();
    const get = (): Promise<string> =>
      new Promise((resolve, reject) => {
        http
          .get(url, { agent }, (res) => {
            sockets.add(res.socket);
            res.resume();
            res.on('end', () => resolve(String(res.headers['x-served-by'])));
          })
          .on('error', reject);
      });
    for (let i = 0; i < 10; i++) await get();
    proxy.configure([
      { name: 'blue', url: blue.url, weight: 0 },
      { name: 'green', url: green.url, weight: 100 },
    ]);
    const after: string[] = [];
    for (let i = 0; i < 10; i++) after.push(await get());
    expect(new Set(after)).toEqual(new Set(['green']));
    expect(sockets.size).toBe(1);
    agent.destroy();
  });

  it('retries GETs refused by one environment on the other, and answers a POST with a body with a clear 502', async () => {
    await green.close();
    const served = await Promise.all(Array.from({ length: 10 }, () => fetch(url).then(async (r) => [r.status, r.headers.get('x-served-by')] as const)));
    expect(served.filter(([status, by]) => status === 200 && by === 'blue')).toHaveLength(10);
    const statuses = [];
    for (let i = 0; i < 10; i++) {
      const response = await fetch(url, { method: 'POST', body: 'x' });
      statuses.push([response.status, await response.text()] as const);
    }
    const failures = statuses.filter(([status]) => status === 502);
    expect(failures.length).toBe(3);
    expect(failures[0]![1]).toMatch(/environment "green" at http:\/\/127\.0\.0\.1:\d+ failed: ECONNREFUSED/);
    expect((await fetch(url)).status).toBe(200);
  });

  it('answers 503 when every environment has weight 0', async () => {
    proxy.configure([
      { name: 'blue', url: blue.url, weight: 0 },
      { name: 'green', url: green.url, weight: 0 },
    ]);
    const response = await fetch(url);
    expect(response.status).toBe(503);
    expect(await response.text()).toContain('No environment available');
  });

  it('counts requests and in-flight per environment', async () => {
    await servedBy(url, 10);
    expect(proxy.countersFor('blue')).toEqual({ requests: 7, inFlight: 0 });
    expect(proxy.countersFor('green')).toEqual({ requests: 3, inFlight: 0 });
  });
});
