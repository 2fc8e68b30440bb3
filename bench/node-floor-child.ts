/**
 * The platform floor: the thinnest pass-through a Node proxy can be, built from the same
 * parts as Turnout's fast path (a `node:http` server, one undici `Pool` per upstream with
 * Turnout's pool size, `dispatch` with a handler object). No routing, metrics, health,
 * retries, X-Forwarded-* or hop-by-hop filtering, no request bodies (the bench sends GETs):
 * the two upstreams simply alternate (50/50). Its CPU per request is what Node's HTTP server plus undici cost by themselves,
 * so Turnout's CPU minus this is Turnout's own work. Upstream URLs come as JSON in argv[2];
 * the URL goes back over IPC as { url }.
 */
import fs from 'node:fs';
import http from 'node:http';
import https from 'node:https';
import type { AddressInfo } from 'node:net';
import type { Dispatcher } from 'undici';
import { Pool } from '../electron/core/proxy/undici-pool';
import { announce } from './child-lifecycle';

const upstreams: string[] = JSON.parse(process.argv[2] ?? '[]');
if (upstreams.length === 0) throw new Error('node-floor: no upstream URLs in argv[2]');
const pools = upstreams.map((url) => new Pool(url, { connections: 256, pipelining: 1 }));

/** One response's handler: status and headers copied as they came, body streamed with backpressure. */
class PassThrough implements Dispatcher.DispatchHandler {
  private resume: (() => void) | undefined;

  constructor(private readonly res: http.ServerResponse) {}

  onConnect(): void {
    // No abort kept: a client that leaves early only costs the upstream its answer.
  }

  onHeaders(statusCode: number, rawHeaders: Buffer[], resume: () => void): boolean {
    this.resume = resume;
    // writeHead takes a flat [name, value, ...] list of strings; undici hands over Buffers.
    const flat = new Array<string>(rawHeaders.length);
    for (let i = 0; i < rawHeaders.length; i++) flat[i] = rawHeaders[i]!.toString('latin1');
    this.res.writeHead(statusCode, flat);
    return true;
  }

  onData(chunk: Buffer): boolean {
    if (this.res.write(chunk)) return true;
    // Backpressure: undici pauses the upstream until the client has taken the bytes.
    this.res.once('drain', this.resume!);
    return false;
  }

  onComplete(): void {
    this.res.end();
  }

  onError(): void {
    if (this.res.headersSent) this.res.destroy();
    else this.res.writeHead(502).end();
  }
}

// NODE_FLOOR_TLS: {"certFile","keyFile"}: the same pass-through behind a bare https.createServer
// (HTTP/1.1 only, no HTTP/2 server): what Node's TLS costs by itself (node-floor-https).
const tls = process.env.NODE_FLOOR_TLS ? (JSON.parse(process.env.NODE_FLOOR_TLS) as { certFile: string; keyFile: string }) : undefined;
let next = 0;
const handle = (req: http.IncomingMessage, res: http.ServerResponse): void => {
  const pool = pools[next]!;
  next = (next + 1) % pools.length;
  // The client's raw headers go as they are (wrk sends only Host, which undici passes on).
  pool.dispatch({ path: req.url ?? '/', method: req.method ?? 'GET', headers: req.rawHeaders, body: null }, new PassThrough(res));
};
const server = tls ? https.createServer({ cert: fs.readFileSync(tls.certFile), key: fs.readFileSync(tls.keyFile) }, handle) : http.createServer(handle);
await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));

announce(`${tls ? 'https' : 'http'}://127.0.0.1:${(server.address() as AddressInfo).port}`, async () => {
  server.close();
  await Promise.all(pools.map((pool) => pool.destroy()));
});
