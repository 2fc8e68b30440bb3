import http from 'node:http';
import type { AddressInfo } from 'node:net';
import express from 'express';
import { afterEach, describe, expect, it } from 'vitest';
import type { ShadowStatus } from '../../../shared/contract/shadow';
import { eventually, startPlane, type RunningPlane } from '../../support/data-plane';

const BIG = 2 * 1024 * 1024;

interface Blue {
  url: string;
  /** Requests without X-Turnout-Shadow (the clients'), and the X-Request-Id of each marked one. */
  clientRequests: number;
  marked: string[];
  close(): Promise<void>;
}

/**
 * The serving environment: each client request gets the next number of a counter, so no two
 * answers are alike and only the very answer a client got can equal it. A marked request
 * (a shadow's noise twin) gets the same bytes its original got, found by its X-Request-Id, so
 * a primary side taken from anything but the client's answer would differ.
 */
async function blueApp(): Promise<Blue> {
  const app = express();
  const state: Blue = { url: '', clientRequests: 0, marked: [], close: async () => undefined };
  const answers = new Map<string, string>();
  let counter = 0;
  app.get('/count/:id', (req, res) => {
    const id = String(req.headers['x-request-id']);
    if (req.headers['x-turnout-shadow']) {
      state.marked.push(id);
      res.type('json').send(answers.get(id.replace(/\.shadow[\w-]*$/, '')) ?? '{"unknown":true}');
      return;
    }
    state.clientRequests++;
    const body = JSON.stringify({ n: ++counter, v: 'blue' });
    answers.set(id, body);
    res.type('json').send(body);
  });
  app.get('/big', (req, res) => {
    if (!req.headers['x-turnout-shadow']) state.clientRequests++;
    res.type('text').send('b'.repeat(BIG));
  });
  return serve(app, state);
}

/** The shadow: the same routes, other answers (`n` -1; a big body of other bytes). */
async function greenApp(): Promise<{ url: string; copies: string[]; close(): Promise<void> }> {
  const app = express();
  const state = { url: '', copies: [] as string[], close: async () => undefined };
  app.use((req, _res, next) => {
    state.copies.push(String(req.headers['x-request-id']));
    next();
  });
  app.get('/count/:id', (_req, res) => res.json({ n: -1, v: 'green' }));
  app.get('/big', (_req, res) => res.type('text').send('g'.repeat(BIG)));
  return serve(app, state);
}

async function serve<T extends { url: string; close(): Promise<void> }>(app: express.Express, state: T): Promise<T> {
  const server = await new Promise<http.Server>((resolve) => {
    const listening = app.listen(0, '127.0.0.1', () => resolve(listening));
  });
  state.url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  state.close = () => new Promise<void>((resolve) => (server.closeAllConnections(), server.close(() => resolve())));
  return state;
}

/** A GET on a connection of its own (with proxy workers, connections alternate between them). */
function getFresh(url: string): Promise<{ id: string; body: string }> {
  return new Promise((resolve, reject) => {
    http
      .get(url, { agent: false }, (res) => {
        let body = '';
        res.setEncoding('utf8');
        res.on('data', (chunk: string) => (body += chunk));
        res.on('end', () => resolve({ id: String(res.headers['x-request-id']), body }));
      })
      .on('error', reject);
  });
}

describe("shadow pairs are (the client's real answer, the shadow's answer)", () => {
  const cleanups: (() => Promise<void>)[] = [];
  afterEach(async () => {
    for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
  });

  async function setup(workers: number) {
    const blue = await blueApp();
    const green = await greenApp();
    cleanups.push(blue.close, green.close);
    const running: RunningPlane = await startPlane(
      {
        environments: [
          { name: 'blue', url: blue.url, weight: 100, health: { enabled: false } },
          { name: 'green', url: green.url, weight: 0, health: { enabled: false } },
        ],
      },
      { workers },
    );
    cleanups.push(() => running.plane.stop());
    const shadow = running.plane.inspector.shadow;
    const urls: Record<string, string> = { blue: blue.url, green: green.url };
    const pushed: ShadowStatus[] = [];
    shadow.onStatus((status) => pushed.push(status));
    shadow.start({ name: 'green', url: green.url }, 50, (name) => urls[name]);
    return { blue, green, running, shadow, pushed };
  }

  /** 40 client requests; what each client got, by request id. */
  async function traffic(url: string): Promise<Map<string, number>> {
    const got = new Map<string, number>();
    for (let i = 0; i < 40; i++) {
      const { id, body } = await getFresh(`${url}/count/${i}`);
      got.set(id, (JSON.parse(body) as { n: number }).n);
    }
    return got;
  }

  for (const workers of [1, 2]) {
    it(`${workers === 1 ? 'in process' : 'on 2 proxy workers'}: the primary side is what the client received; blue sees only the clients and the noise twins`, async () => {
      const { blue, green, running, shadow, pushed } = await setup(workers);
      const got = await traffic(running.url);
            // Every record in (a worker sends its records in batches), then every pair compared.
      expect(await eventually(() => running.plane.inspector.list({ limit: 100 }).records.length === 40, 10_000)).toBe(true);
      await shadow.idle();
      const status = shadow.status();
      expect(status.sampled).toBe(status.compared);
      // Exactly half per process (each worker keeps its own credit): 20 in all, or 19 with two workers whose shares are odd.
      expect(status.compared).toBeGreaterThanOrEqual(workers === 1 ? 20 : 19);
      expect(status.compared).toBeLessThanOrEqual(20);
      expect(status.dropped).toBe(0);
      const route = status.routes.find((row) => row.route === 'GET /count/:id')!;
      expect(route).toMatchObject({ pairs: status.compared, mismatchRate: 1, noise: [] });
      // Each example's primary value of `n` is the very number its client got (no other answer carries it).
      expect(route.examples.length).toBe(5);
      for (const example of route.examples) {
        expect(got.has(example.id)).toBe(true);
        expect(example.differences).toEqual([`$.n: ${got.get(example.id)} → -1`, '$.v: "blue" → "green"']);
        expect(example.primary).toMatchObject({ environment: 'blue', status: 200 });
      }
      // Blue served the 40 clients and, besides, only noise twins (the first pairs of the route and then one in ten).
      expect(blue.clientRequests).toBe(40);
      expect(blue.marked.every((id) => id.endsWith('.shadow-twin') && got.has(id.slice(0, -'.shadow-twin'.length)))).toBe(true);
      expect(blue.marked.length).toBeGreaterThanOrEqual(5);
      expect(blue.marked.length).toBeLessThan(status.compared);
      // Green got one copy per pair and nothing else.
      expect(green.copies.length).toBe(status.compared);
      expect(green.copies.every((id) => id.endsWith('.shadow') && got.has(id.slice(0, -'.shadow'.length)))).toBe(true);
      // The status was pushed, at most twice a second, and the last push is the final count.
      expect(await eventually(() => pushed.at(-1)?.compared === status.compared, 2000)).toBe(true);
      expect(pushed[0]!.active).toBe(true);
    }, 40_000);
  }

  it('a body over 1 MiB is compared on status class and latency only, and counted', async () => {
    const { running, shadow } = await setup(1);
    for (let i = 0; i < 4; i++) {
      const { body } = await getFresh(`${running.url}/big`);
      expect(body.length).toBe(BIG);
    }
    expect(await eventually(() => shadow.status().compared === 2, 10_000)).toBe(true);
    const status = shadow.status();
    expect(status.overCap).toBe(2);
    expect(status.routes[0]).toMatchObject({ route: 'GET /big', pairs: 2, mismatches: 0 });
    expect(status.routes[0]!.p99Ms.shadow).toBeGreaterThan(0);
    // The ring keeps no sample body (bodies are off by default).
    for (const record of running.plane.inspector.list({ limit: 10 }).records) expect(running.plane.inspector.raw(record.seq)?.shadow).toBeUndefined();
  }, 20_000);

  it('pushes the status at most twice a second while pairs keep coming', async () => {
    const { running, shadow, pushed } = await setup(1);
    const started = Date.now();
    // Two seconds of steady traffic: a pair completes every few ms, far more often than pushes may go.
    for (let i = 0; Date.now() - started < 2000; i++) await getFresh(`${running.url}/count/${i}`);
    await shadow.idle();
    expect(shadow.status().compared).toBeGreaterThan(20);
    expect(await eventually(() => pushed.at(-1)?.compared === shadow.status().compared, 2000)).toBe(true);
    const seconds = (Date.now() - started) / 1000;
    expect(pushed.length).toBeGreaterThanOrEqual(3);
    expect(pushed.length).toBeLessThanOrEqual(Math.ceil(seconds * 2) + 1);
  }, 20_000);
});
