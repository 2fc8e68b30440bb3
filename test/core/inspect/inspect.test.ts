import { execFile } from 'node:child_process';
import { readFileSync, existsSync } from 'node:fs';
import type http from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { promisify } from 'node:util';
import express from 'express';
import { request } from 'undici';
import { afterEach, describe, expect, it } from 'vitest';
import type { RequestRecord } from '../../../shared/contract/inspect';
import type { DataPlaneConfig } from '../../../electron/core/data-plane-config';
import { eventually, startPlane, type RunningPlane } from '../../support/data-plane';
import { makeTempDir } from '../../support/temp-dir';

const curl = promisify(execFile);

/** An Express app that echoes what it got: the X-Request-Id it saw, a cookie it sets, the body length. */
async function expressApp(name: string): Promise<{ url: string; seenIds: string[]; close(): Promise<void> }> {
  const app = express();
  const seenIds: string[] = [];
  app.use(express.text({ type: '*/*', limit: '1mb' }));
  app.all('/{*rest}', (req, res) => {
    seenIds.push(String(req.headers['x-request-id']));
    res.cookie('app_session', 'secret-value');
    res.set('x-request-id', 'the-app-own-id');
    if (req.path.startsWith('/fail')) res.status(500).json({ from: name, failed: true });
    else res.json({ from: name, path: req.path, body: typeof req.body === 'string' ? req.body : '' });
  });
  const server = await new Promise<http.Server>((resolve) => {
    const listening = app.listen(0, '127.0.0.1', () => resolve(listening));
  });
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    seenIds,
    close: () => new Promise<void>((resolve) => (server.closeAllConnections(), server.close(() => resolve()))),
  };
}

describe('request inspector: every proxied request recorded', () => {
  const cleanups: (() => Promise<void> | void)[] = [];
  afterEach(async () => {
    for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
  });

  async function setup(inspect: Record<string, unknown> = {}, routing: DataPlaneConfig['routing'] = 'round-robin', weights = [100, 0]) {
    const blue = await expressApp('blue');
    const green = await expressApp('green');
    cleanups.push(blue.close, green.close);
    const config: DataPlaneConfig = {
      routing,
      proxy: { inspect: inspect as never },
      environments: [
        { name: 'blue', url: blue.url, weight: weights[0]!, health: { enabled: false } },
        { name: 'green', url: green.url, weight: weights[1]!, health: { enabled: false } },
      ],
    };
    const running: RunningPlane = await startPlane(config);
    cleanups.push(() => running.plane.stop());
    return { blue, green, running, inspector: running.plane.inspector, config };
  }

  it('records a GET (undici path, curl) and a POST (http-proxy path, undici client) with timings, reason, sizes and redacted secrets', async () => {
    const { blue, running, inspector } = await setup();
    const got = await curl('curl', ['-s', '-i', '-H', 'Authorization: Bearer top-secret', '-H', 'Cookie: a=b', `${running.url}/items?page=2`]);
    expect(got.stdout).toMatch(/^HTTP\/1\.1 200/);
    const returnedId = /\r\nx-request-id: ([^\r]+)\r\n/i.exec(got.stdout)?.[1];
    // Turnout's id replaced the app's own in the answer, and it is the one the app received.
    expect(returnedId).toMatch(/^[0-9a-f]{10}-[0-9a-z]+$/);
    expect(got.stdout.match(/x-request-id/gi)).toHaveLength(1);
    expect(blue.seenIds).toEqual([returnedId]);

    const posted = await request(`${running.url}/orders`, { method: 'POST', body: 'hello body', headers: { 'content-type': 'text/plain' } });
    expect(posted.statusCode).toBe(200);
    const postedId = posted.headers['x-request-id'];
    await posted.body.text();
    expect(blue.seenIds[1]).toBe(postedId);

    const page = await eventually(() => inspector.list({ limit: 10 }).records.length === 2).then(() => inspector.list({ limit: 10 }));
    const [get, post] = page.records as [RequestRecord, RequestRecord];
    expect(get).toMatchObject({ seq: 1, id: returnedId, method: 'GET', url: '/items?page=2', status: 200, environment: 'blue', reason: 'ratio', attempts: 1, bytesIn: 0 });
    expect(post).toMatchObject({ seq: 2, id: postedId, method: 'POST', url: '/orders', status: 200, environment: 'blue', bytesIn: 10 });
    for (const record of [get, post]) {
      expect(record.upstreamMs).toBeGreaterThan(0);
      expect(record.totalMs).toBeGreaterThanOrEqual(record.upstreamMs!);
      // Status line, headers and the JSON body.
      expect(record.bytesOut).toBeGreaterThan(100);
    }
    const detail = inspector.get({ seq: 1 })!;
    const header = (list: [string, string][], name: string) => list.filter(([key]) => key.toLowerCase() === name).map(([, value]) => value);
    expect(header(detail.requestHeaders, 'authorization')).toEqual(['[redacted]']);
    expect(header(detail.requestHeaders, 'cookie')).toEqual(['[redacted]']);
    expect(header(detail.responseHeaders, 'set-cookie')).toEqual(['[redacted]']);
    expect(header(detail.responseHeaders, 'x-served-by')).toEqual(['blue']);
    expect(header(detail.responseHeaders, 'x-request-id')).toEqual([returnedId]);
    expect(detail.requestBody).toBeUndefined();
    expect(inspector.get({ id: postedId as string })?.seq).toBe(2);
  });

  it('keeps the X-Request-Id a client sent, upstream and back', async () => {
    const { blue, running, inspector } = await setup();
    const got = await curl('curl', ['-s', '-i', '-H', 'X-Request-Id: my-trace-42', `${running.url}/`]);
    expect(got.stdout).toMatch(/\r\nx-request-id: my-trace-42\r\n/i);
    expect(blue.seenIds).toEqual(['my-trace-42']);
    expect(await eventually(() => inspector.get({ id: 'my-trace-42' }) !== undefined)).toBe(true);
  });

  it('shows secrets when redaction is off, and keeps bodies up to the cap when asked', async () => {
    const { running, inspector } = await setup({ redact: false, bodies: true, bodyLimitBytes: 32 });
    const response = await request(`${running.url}/echo`, { method: 'POST', body: 'x'.repeat(100), headers: { authorization: 'Bearer visible', 'content-type': 'text/plain' } });
    const text = await response.body.text();
    expect(await eventually(() => inspector.list({ limit: 1 }).records.length === 1)).toBe(true);
    const detail = inspector.get({ seq: 1 })!;
    expect(detail.requestHeaders).toContainEqual(['authorization', 'Bearer visible']);
    expect(detail.responseHeaders.find(([name]) => name.toLowerCase() === 'set-cookie')?.[1]).toMatch(/^app_session=secret-value/);
    expect(detail.requestBody).toEqual({ encoding: 'utf8', data: 'x'.repeat(32), size: 100, truncated: true });
    expect(detail.responseBody).toMatchObject({ encoding: 'utf8', data: text.slice(0, 32), size: Buffer.byteLength(text), truncated: true });
    expect(detail.bytesIn).toBe(100);
  });

  it('says why: a tester pin, a retry after a dead environment, a sticky cookie', async () => {
    const { running, inspector, blue, config } = await setup({}, 'round-robin', [50, 50]);
    await fetch(`${running.url}/pinned`, { headers: { 'x-turnout-env': 'green' } }).then((r) => r.text());
    await blue.close();
    // Round robin sends one of the next two to the dead blue: it is retried on green.
    for (let i = 0; i < 2; i++) await fetch(`${running.url}/after-death`).then((r) => r.text());
    await eventually(() => inspector.list({ limit: 10 }).records.length === 3);
    const records = inspector.list({ limit: 10 }).records;
    expect(records[0]).toMatchObject({ url: '/pinned', environment: 'green', reason: 'pin' });
    expect(records.slice(1).map((r) => [r.reason, r.attempts, r.environment, r.status])).toContainEqual(['retry', 2, 'green', 200]);

    running.plane.apply({ ...config, routing: 'sticky', environments: config.environments.map((env) => ({ ...env, url: env.name === 'blue' ? 'http://127.0.0.1:1' : env.url })) });
    const first = await fetch(`${running.url}/sticky`);
    await first.text();
    const cookie = first.headers.getSetCookie().find((line) => line.startsWith('turnout_sticky='))!.split(';')[0]!;
    await fetch(`${running.url}/sticky-again`, { headers: { cookie } }).then((r) => r.text());
    await eventually(() => inspector.list({ limit: 1, path: 'sticky-again' }).records.length === 1);
    expect(inspector.list({ limit: 1, path: 'sticky-again' }).records[0]).toMatchObject({ reason: 'sticky' });
  });

  it('keeps only the newest records once the ring is full, and filters by environment, status class, method, path and latency', async () => {
    const { running, inspector, config } = await setup({ capacity: 100 }, 'round-robin', [50, 50]);
    for (let i = 0; i < 150; i++) await fetch(`${running.url}/${i % 10 === 0 ? 'fail' : 'ok'}/${i}`).then((r) => r.text());
    await eventually(() => inspector.list({ limit: 1 }).last === 150);
    const page = inspector.list({ limit: 10_000 });
    expect([page.held, page.capacity, page.records.length, page.records[0]!.seq, page.last]).toEqual([100, 100, 100, 51, 150]);
    expect(inspector.get({ seq: 50 })).toBeUndefined();
    expect(inspector.get({ seq: 51 })?.url).toBe('/fail/50');
    const failures = inspector.list({ limit: 100, status: '5xx' }).records;
    expect(failures.map((r) => r.url)).toEqual([50, 60, 70, 80, 90, 100, 110, 120, 130, 140].map((i) => `/fail/${i}`));
    expect(inspector.list({ limit: 100, environment: 'green' }).records.every((r) => r.environment === 'green')).toBe(true);
    expect(inspector.list({ limit: 100, environment: 'green' }).records).toHaveLength(50);
    expect(inspector.list({ limit: 100, method: 'post' }).records).toHaveLength(0);
    expect(inspector.list({ limit: 100, path: 'OK/14' }).records.map((r) => r.url)).toEqual(['/ok/141', '/ok/142', '/ok/143', '/ok/144', '/ok/145', '/ok/146', '/ok/147', '/ok/148', '/ok/149']);
    expect(inspector.list({ limit: 100, slowerThanMs: 60_000 }).records).toHaveLength(0);
    expect(inspector.list({ limit: 5, after: 145 }).records.map((r) => r.seq)).toEqual([146, 147, 148, 149, 150]);
    // A smaller capacity keeps the newest.
    running.plane.apply({ ...config, proxy: { inspect: { capacity: 100 } as never } });
    expect(inspector.list({ limit: 1 }).records[0]!.seq).toBe(150);
  });

  it('tells listeners in batches, not once per request', async () => {
    const { running, inspector } = await setup();
    const batches: RequestRecord[][] = [];
    inspector.onBatch((batch) => batches.push(batch));
    await Promise.all(Array.from({ length: 60 }, (_, i) => fetch(`${running.url}/b/${i}`).then((r) => r.text())));
    expect(await eventually(() => batches.flat().length === 60)).toBe(true);
    expect(batches.length).toBeLessThan(60);
    expect(new Set(batches.flat().map((r) => r.seq)).size).toBe(60);
  });

  it('builds batches only while someone wants them: records made with nobody listening are not sent later', async () => {
    const { running, inspector } = await setup();
    const batches: RequestRecord[][] = [];
    let wanted = false;
    inspector.onBatch((batch) => batches.push(batch), () => wanted);
    await Promise.all(Array.from({ length: 5 }, (_, i) => fetch(`${running.url}/quiet/${i}`).then((r) => r.text())));
    expect(inspector.list({ limit: 100 }).records.filter((r) => r.url.startsWith('/quiet/'))).toHaveLength(5);
    wanted = true;
    await Promise.all(Array.from({ length: 3 }, (_, i) => fetch(`${running.url}/heard/${i}`).then((r) => r.text())));
    expect(await eventually(() => batches.flat().length === 3)).toBe(true);
    expect(batches.flat().map((r) => r.url).sort()).toEqual(['/heard/0', '/heard/1', '/heard/2']);
  });

  it('writes the access log as JSON lines and rotates it past the size cap', async () => {
    const temp = makeTempDir();
    cleanups.push(() => temp.cleanup());
    const file = join(temp.dir, 'access.log');
    const { running, inspector } = await setup({ accessLog: file, accessLogMaxBytes: 8192 });
    for (let i = 0; i < 40; i++) await fetch(`${running.url}/log/${i}`, { headers: { authorization: 'Bearer never-in-the-log' } }).then((r) => r.text());
    await eventually(() => inspector.list({ limit: 1 }).last === 40);
    await inspector.drain();
    expect(existsSync(`${file}.1`)).toBe(true);
    const lines = [...readFileSync(`${file}.1`, 'utf8').trim().split('\n'), ...readFileSync(file, 'utf8').trim().split('\n')];
    const parsed = lines.map((line) => JSON.parse(line) as RequestRecord & { requestHeaders: [string, string][] });
    // Rotation keeps one previous file: the newest lines survive in order, the first file's oldest may be gone.
    const urls = parsed.map((r) => r.url);
    expect(urls.at(-1)).toBe('/log/39');
    expect(urls).toEqual([...urls].sort((a, b) => Number(a.split('/')[2]) - Number(b.split('/')[2])));
    expect(readFileSync(file).length).toBeLessThanOrEqual(8192);
    expect(parsed[0]!.requestHeaders).toContainEqual(['authorization', '[redacted]']);
    expect(lines.join('\n')).not.toContain('never-in-the-log');
  });

  it('records nothing with recording off, and still tags every response with an X-Request-Id', async () => {
    const { running, inspector } = await setup({ enabled: false });
    const response = await fetch(`${running.url}/quiet`);
    await response.text();
    expect(response.headers.get('x-request-id')).toMatch(/^[0-9a-f]{10}-/);
    const page = inspector.list({ limit: 10 });
    expect([page.records.length, page.recording]).toEqual([0, false]);
  });

  it('brings records from proxy workers to the primary in batches', async () => {
    const blue = await expressApp('blue');
    const green = await expressApp('green');
    cleanups.push(blue.close, green.close);
    const running = await startPlane(
      { environments: [{ name: 'blue', url: blue.url, weight: 50, health: { enabled: false } }, { name: 'green', url: green.url, weight: 50, health: { enabled: false } }] },
      { workers: 2 },
    );
    cleanups.push(() => running.plane.stop());
    const ids = await Promise.all(
      Array.from({ length: 40 }, async (_, i) => {
        const response = await fetch(`${running.url}/w/${i}`, { headers: { connection: 'close' } });
        await response.text();
        return response.headers.get('x-request-id')!;
      }),
    );
    expect(await eventually(() => running.plane.inspector.list({ limit: 100 }).records.length === 40, 10_000)).toBe(true);
    const records = running.plane.inspector.list({ limit: 100 }).records;
    expect(new Set(records.map((r) => r.id))).toEqual(new Set(ids));
    // Two processes gave ids: two prefixes.
    expect(new Set(ids.map((id) => id.split('-')[0])).size).toBe(2);
    expect(running.plane.inspector.get({ seq: records[0]!.seq })!.requestHeaders.length).toBeGreaterThan(0);
  });
});
