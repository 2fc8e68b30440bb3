/**
 * `node --expose-gc bin/run-ts.js bench/record-heap.ts [--requests=12000] [--capacity=10000]`:
 * what a full ring of records holds in V8's heap and in ArrayBuffers outside it. Two DataPlanes in this process (recording
 * off, then on), each in front of the bench's fixed-body backends, each sent `requests`
 * keep-alive GETs over 50 connections; after each, V8 is collected to a fixed point and the
 * heap read. The difference divided by the records held is the bytes one record keeps alive.
 * `--snapshot=FILE` also writes a heap snapshot with the ring full.
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import v8 from 'node:v8';
import { Pool } from 'undici';
import { DataPlane } from '../electron/core/data-plane';

const args = Object.fromEntries(process.argv.slice(2).map((arg) => arg.replace(/^--/, '').split('=') as [string, string]));
const requests = Number(args.requests ?? 12_000);
const capacity = Number(args.capacity ?? 10_000);
const gc = (globalThis as { gc?: () => void }).gc;
if (!gc) throw new Error('run with node --expose-gc');

async function backend(name: string): Promise<string> {
  const body = Buffer.from(`hello from ${name}\n`);
  const server = http.createServer((_req, res) => {
    res.writeHead(200, { 'content-type': 'text/plain', 'content-length': body.length });
    res.end(body);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  server.unref();
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
}

async function send(url: string, count: number): Promise<void> {
  const pool = new Pool(url, { connections: 50 });
  let next = 0;
  const lane = async (): Promise<void> => {
    while (next++ < count) {
      const { statusCode, body } = await pool.request({ path: `/items/${next % 500}?page=2`, method: 'GET', headers: { 'user-agent': 'record-heap', accept: '*/*' } });
      await body.text();
      if (statusCode !== 200) throw new Error(`status ${statusCode}`);
    }
  };
  await Promise.all(Array.from({ length: 50 }, lane));
  await pool.close();
}

/** V8's heap, and the ArrayBuffers outside it (where the ring keeps its records: record-columns.ts). */
function settledHeap(): { heap: number; buffers: number } {
  for (let i = 0; i < 4; i++) gc!();
  const { heapUsed, arrayBuffers } = process.memoryUsage();
  return { heap: heapUsed, buffers: arrayBuffers };
}

const upstreams = [await backend('blue'), await backend('green')];
const baseline = settledHeap();
const results: Record<string, { heap: number; buffers: number }> = {};
for (const recording of [false, true]) {
  const plane = new DataPlane(() => undefined);
  const config = { proxy: { inspect: { enabled: recording, capacity } }, environments: upstreams.map((url, i) => ({ name: i === 0 ? 'blue' : 'green', url, weight: 50, health: { enabled: false } })) };
  const url = await plane.start('127.0.0.1', 0, config as never);
  await send(url, requests);
  const settled = settledHeap();
  results[recording ? 'on' : 'off'] = { heap: settled.heap - baseline.heap, buffers: settled.buffers - baseline.buffers };
  if (recording && args.snapshot) console.log(`snapshot: ${v8.writeHeapSnapshot(args.snapshot)}`);
  await plane.stop();
}
const held = Math.min(requests, capacity);
const mb = (n: number) => (n / 1e6).toFixed(1);
const [off, on] = [results.off!, results.on!];
console.log(`above baseline after ${requests} requests (ring of ${capacity}, ${held} held): JS heap, recording off ${mb(off.heap)} MB, on ${mb(on.heap)} MB; ArrayBuffers off ${mb(off.buffers)} MB, on ${mb(on.buffers)} MB`);
console.log(`one record keeps ≈ ${Math.round((on.heap - off.heap) / held)} bytes of JS heap and ≈ ${Math.round((on.buffers - off.buffers) / held)} bytes of ArrayBuffer alive`);
process.exit(0);
