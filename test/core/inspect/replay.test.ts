import type http from 'node:http';
import type { AddressInfo } from 'node:net';
import express from 'express';
import { afterEach, describe, expect, it } from 'vitest';
import { replay } from '../../../electron/core/inspect/replay';
import { compareBodies } from '../../../electron/core/inspect/compare';
import { eventually, startPlane } from '../../support/data-plane';

interface App {
  url: string;
  posts: string[];
  replays: string[];
  close(): Promise<void>;
}

/**
 * Two versions of one Express app that differ on purpose: v2 renames a field's value, adds a
 * header, answers 500 on /report, and serves another text on /readme.
 */
async function version(v: 1 | 2): Promise<App> {
  const app = express();
  const posts: string[] = [];
  const replays: string[] = [];
  app.use(express.text({ type: '*/*' }));
  app.use((req, res, next) => {
    if (req.headers['x-turnout-replay']) replays.push(`${req.method} ${req.url}`);
    if (v === 2) res.set('x-feature', 'new-checkout');
    next();
  });
  app.get('/user', (_req, res) => res.json(v === 1 ? { id: 7, name: 'Ada', plan: 'free', tags: ['a', 'b'] } : { tags: ['a', 'b'], plan: 'pro', name: 'Ada', id: 7 }));
  app.get('/report', (_req, res) => (v === 1 ? res.json({ ok: true }) : res.status(500).json({ ok: false })));
  app.get('/readme', (_req, res) => res.type('text/plain').send(v === 1 ? 'line one\nline two\nline three\n' : 'line one\nline 2\nline three\n'));
  app.post('/orders', (req, res) => {
    posts.push(String(req.body));
    res.status(201).json({ created: true, version: v });
  });
  const server = await new Promise<http.Server>((resolve) => {
    const listening = app.listen(0, '127.0.0.1', () => resolve(listening));
  });
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    posts,
    replays,
    close: () => new Promise<void>((resolve) => (server.closeAllConnections(), server.close(() => resolve()))),
  };
}

describe('replay: a recorded request sent to the other colour, both answers compared', () => {
  const cleanups: (() => Promise<void>)[] = [];
  afterEach(async () => {
    for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
  });

  async function setup(bodies = false) {
    const blue = await version(1);
    const green = await version(2);
    cleanups.push(blue.close, green.close);
    const running = await startPlane({
      proxy: { inspect: { bodies, bodyLimitBytes: 4096 } as never },
      environments: [
        { name: 'blue', url: blue.url, weight: 100, health: { enabled: false } },
        { name: 'green', url: green.url, weight: 0, health: { enabled: false } },
      ],
    });
    cleanups.push(() => running.plane.stop());
    const targets = { blue: { name: 'blue', url: blue.url }, green: { name: 'green', url: green.url } };
    /** Sends one request through the proxy and returns its record's seq and raw record. */
    const through = async (path: string, init: RequestInit = {}) => {
      const response = await fetch(`${running.url}${path}`, init);
      await response.text();
      const inspector = running.plane.inspector;
      await eventually(() => inspector.list({ limit: 1, path }).records.length === 1);
      const seq = inspector.list({ limit: 1, path }).records[0]!.seq;
      return { seq, raw: inspector.raw(seq)! };
    };
    return { blue, green, targets, through };
  }

  it('compares JSON as data: the same fields in another order are no difference, a changed value is', async () => {
    const { targets, through, blue, green } = await setup();
    const { seq, raw } = await through('/user');
    const result = await replay(seq, raw, targets.blue, targets.green, false);
    expect([result.a.source, result.b.source, result.a.status, result.b.status, result.statusSame]).toEqual(['live', 'live', 200, 200, true]);
    expect(result.body).toEqual({ kind: 'json', same: false, json: [{ path: '$.plan', a: 'free', b: 'pro' }] });
    expect(result.headers).toContainEqual({ name: 'x-feature', a: null, b: 'new-checkout' });
    // Date, X-Request-Id, Content-Length, ETag differ on every answer: never listed.
    expect(result.headers.map((h) => h.name)).toEqual(['x-feature']);
    expect(result.a.latencyMs).toBeGreaterThan(0);
    expect(blue.replays).toEqual(['GET /user']);
    expect(green.replays).toEqual(['GET /user']);
  });

  it('shows a status that differs (a 500 on one route) and a text diff', async () => {
    const { targets, through } = await setup();
    const report = await through('/report');
    const failed = await replay(report.seq, report.raw, targets.blue, targets.green, false);
    expect([failed.a.status, failed.b.status, failed.statusSame]).toEqual([200, 500, false]);
    const readme = await through('/readme');
    const text = await replay(readme.seq, readme.raw, targets.blue, targets.green, false);
    expect(text.body.kind).toBe('text');
    expect(text.body.same).toBe(false);
    expect(text.body.text).toContain('-line two\n+line 2\n');
  });

  it('sends a POST only when confirmed and only with its body kept, to the target alone, compared with the recorded answer', async () => {
    const noBodies = await setup(false);
    const unkept = await noBodies.through('/orders', { method: 'POST', body: 'order-1' });
    await expect(replay(unkept.seq, unkept.raw, noBodies.targets.blue, noBodies.targets.green, true)).rejects.toThrow(/body of #\d+ was not kept/);
    expect(noBodies.green.posts).toEqual([]);

    const { targets, through, blue, green } = await setup(true);
    const { seq, raw } = await through('/orders', { method: 'POST', body: 'order-2', headers: { 'content-type': 'text/plain' } });
    await expect(replay(seq, raw, targets.blue, targets.green, false)).rejects.toThrow(/POST is not idempotent.*confirm/);
    expect(green.posts).toEqual([]);
    const result = await replay(seq, raw, targets.blue, targets.green, true);
    expect(green.posts).toEqual(['order-2']);
    // Only the real request reached blue: the replay did not send it there again.
    expect(blue.posts).toEqual(['order-2']);
    expect([result.a.source, result.a.status, result.b.source, result.b.status]).toEqual(['recorded', 201, 'live', 201]);
    expect(result.body.json).toEqual([{ path: '$.version', a: 1, b: 2 }]);
  });

  it('says so when an environment does not answer', async () => {
    const { targets, through } = await setup();
    const { seq, raw } = await through('/user');
    const result = await replay(seq, raw, targets.blue, { name: 'green', url: 'http://127.0.0.1:1' }, false);
    expect(result.b.status).toBe(0);
    expect(result.b.error).toMatch(/ECONNREFUSED|connect/);
    expect(result.statusSame).toBe(false);
  });

  it('compares bodies cut at the cap as far as they were kept, and says so', () => {
    const side = (data: string, truncated: boolean) => ({ environment: 'x', source: 'live' as const, status: 200, latencyMs: 1, headers: [], body: { encoding: 'utf8' as const, data, size: 100, truncated } });
    expect(compareBodies(side('{"a":1', true), side('{"a":1', true))).toEqual({ kind: 'text', same: true, partial: true });
  });
});
