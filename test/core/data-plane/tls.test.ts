import { execFile } from 'node:child_process';
import fs from 'node:fs';
import https from 'node:https';
import type http2 from 'node:http2';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { WebSocket, WebSocketServer } from 'ws';
import { LocalCa } from '../../../electron/core/net/local-ca';
import type { TlsFiles } from '../../../electron/core/net/tls-files';
import { startBackend, type Backend } from '../../support/backends';
import { eventually, startPlane, type RunningPlane } from '../../support/data-plane';
import { h2Connect, h2Request } from '../../support/h2-client';
import { selfSignedCert } from '../../support/tls-cert';
import { makeTempDir } from '../../support/temp-dir';

const run = promisify(execFile);

/** curl, trusting only the generated CA (never -k): status line, headers and body. */
async function curl(version: '--http2' | '--http1.1', url: string, caFile: string, ...extra: string[]): Promise<string> {
  const { stdout } = await run('curl', ['-sS', '-i', version, '--cacert', caFile, ...extra, url]);
  return stdout;
}

let temp: ReturnType<typeof makeTempDir>;
let ca: LocalCa;
let files: TlsFiles;
let caPem: string;

beforeAll(async () => {
  temp = makeTempDir();
  ca = new LocalCa(path.join(temp.dir, 'tls'));
  await ca.leaf([]);
  files = { certFile: path.join(ca.dir, 'turnout-local.crt'), keyFile: path.join(ca.dir, 'turnout-local.key') };
  caPem = fs.readFileSync(ca.caFile, 'utf8');
});
afterAll(() => temp.cleanup());

// In Turnout's process, and in two worker processes that each terminate TLS on the connections handed to them.
describe.each([1, 2])('HTTPS front, HTTP/2 and HTTP/1.1 (%i proxy process(es))', (workers) => {
  let blue: Backend;
  let green: Backend;
  let running: RunningPlane | undefined;
  let session: http2.ClientHttp2Session | undefined;

  const start = async (weights: [number, number], routing: 'round-robin' | 'sticky' = 'round-robin'): Promise<RunningPlane> => {
    running = await startPlane(
      {
        routing,
        environments: [
          { name: 'blue', url: blue.url, weight: weights[0], health: { enabled: false } },
          { name: 'green', url: green.url, weight: weights[1], health: { enabled: false } },
        ],
      },
      { workers, tls: files },
    );
    return running;
  };

  afterEach(async () => {
    session?.destroy();
    session = undefined;
    await running?.plane.stop();
    running = undefined;
    await blue.close();
    await green.close();
  });

  it('answers curl over HTTP/2 and HTTP/1.1 with the CA trusted, X-Forwarded-Proto https, Host from :authority', async () => {
    const seen: string[] = [];
    blue = await startBackend('blue', (req, res) => {
      seen.push(`${req.httpVersion} ${req.headers.host} ${req.headers['x-forwarded-proto']} ${req.headers.cookie ?? '-'}`);
      res.writeHead(200, { 'content-type': 'text/plain', connection: 'keep-alive', 'keep-alive': 'timeout=5' });
      res.end('blue');
    });
    green = await startBackend('green');
    const { url, port } = await start([100, 0]);
    expect(url).toBe(`https://127.0.0.1:${port}`);
    const h2 = await curl('--http2', `https://localhost:${port}/a`, ca.caFile, '-H', 'cookie: a=1', '-H', 'cookie: b=2');
    expect(h2).toMatch(/^HTTP\/2 200/);
    expect(h2).toContain('x-served-by: blue');
    // Connection-specific headers never reach an HTTP/2 client.
    expect(h2).not.toMatch(/^(connection|keep-alive):/im);
    const h1 = await curl('--http1.1', `https://localhost:${port}/b`, ca.caFile);
    expect(h1).toMatch(/^HTTP\/1\.1 200 OK/);
    expect(seen).toEqual([`1.1 localhost:${port} https a=1; b=2`, `1.1 localhost:${port} https -`]);
  });

  it('records HTTP/2 requests like HTTP/1.1 ones, response headers included (the inspector)', async () => {
    blue = await startBackend('blue');
    green = await startBackend('green');
    running = await startPlane(
      { proxy: { inspect: { enabled: true } as never }, environments: [
        { name: 'blue', url: blue.url, weight: 100, health: { enabled: false } },
        { name: 'green', url: green.url, weight: 0, health: { enabled: false } },
      ] },
      { workers, tls: files },
    );
    session = await h2Connect(running.url, caPem);
    expect((await h2Request(session, '/over-h2')).status).toBe(200);
    const inspector = running.plane.inspector;
    expect(await eventually(() => inspector.list({ limit: 10 }).records.length === 1)).toBe(true);
    const [record] = inspector.list({ limit: 10 }).records;
    expect(record).toMatchObject({ method: 'GET', url: '/over-h2', status: 200, environment: 'blue' });
    const detail = inspector.get({ seq: record!.seq })!;
    expect(detail.responseHeaders).toContainEqual(['x-served-by', 'blue']);
    expect(detail.responseHeaders).toContainEqual(['x-request-id', record!.id]);
    // The proxy is still there for the next request.
    expect((await h2Request(session, '/again')).status).toBe(200);
  });

  it('splits 70/30 exactly per request over ONE HTTP/2 connection (100 concurrent streams), and honours pins', async () => {
    blue = await startBackend('blue');
    green = await startBackend('green');
    const { url } = await start([70, 30]);
    session = await h2Connect(url, caPem);
    const sockets = new Set<unknown>();
    session.on('connect', (_s, socket) => sockets.add(socket));
    const answers = await Promise.all(Array.from({ length: 100 }, () => h2Request(session!, '/')));
    const tally = { blue: 0, green: 0 };
    for (const answer of answers) tally[answer.body as 'blue' | 'green']++;
    // With workers the connection lives in one worker, whose own round robin is exact (docs/workers.md).
    expect(tally).toEqual({ blue: 70, green: 30 });
    expect(answers.every((answer) => answer.headers['x-served-by'] === answer.body)).toBe(true);
    const pinned = await Promise.all(Array.from({ length: 10 }, () => h2Request(session!, '/', { 'x-turnout-env': 'green' })));
    expect(pinned.map((answer) => answer.body)).toEqual(Array(10).fill('green'));
    expect(session.closed || session.destroyed).toBe(false);
  });

  it('sticky over HTTP/2: the cookie is Secure, and a pinned client stays at weight 0', async () => {
    blue = await startBackend('blue');
    green = await startBackend('green');
    const { url } = await start([0, 100], 'sticky');
    session = await h2Connect(url, caPem);
    const first = await h2Request(session, '/');
    expect(first.body).toBe('green');
    expect(first.headers['set-cookie']).toEqual(['turnout_sticky=green; Path=/; HttpOnly; SameSite=Lax; Secure']);
    running!.plane.apply({ routing: 'sticky', environments: [
      { name: 'blue', url: blue.url, weight: 100, health: { enabled: false } },
      { name: 'green', url: green.url, weight: 0, health: { enabled: false } },
    ] });
    const again = await Promise.all(Array.from({ length: 5 }, () => h2Request(session!, '/', { cookie: 'turnout_sticky=green' })));
    expect(again.map((answer) => answer.body)).toEqual(Array(5).fill('green'));
    expect((await h2Request(session, '/')).body).toBe('blue');
  });

  it('retries a GET on the other environment when one is gone, and carries request bodies (http-proxy path) over HTTP/2', async () => {
    blue = await startBackend('blue');
    green = await startBackend('green', (req, res) => {
      let body = '';
      req.on('data', (chunk) => (body += chunk));
      req.on('end', () => {
        res.writeHead(200, { 'content-type': 'text/plain', 'x-method': req.method ?? '' });
        res.end(`green:${body}`);
      });
    });
    const { url } = await start([50, 50]);
    await blue.close();
    session = await h2Connect(url, caPem);
    const gets = await Promise.all(Array.from({ length: 20 }, () => h2Request(session!, '/')));
    expect(gets.map((answer) => answer.status)).toEqual(Array(20).fill(200));
    expect(gets.every((answer) => answer.body === 'green:')).toBe(true);
    // A POST is never retried (it may have done something): pinned to the environment that is up.
    const post = await h2Request(session, '/upload', { 'content-type': 'text/plain', 'x-turnout-env': 'green' }, 'hello over h2');
    expect([post.status, post.body, post.headers['x-method']]).toEqual([200, 'green:hello over h2', 'POST']);
    blue = await startBackend('blue');
  });

  it('streams server-sent events over HTTP/2 and counts them as open streams', async () => {
    blue = await startBackend('blue', (_req, res) => {
      res.writeHead(200, { 'content-type': 'text/event-stream', 'cache-control': 'no-cache' });
      res.write('data: one\n\n');
    });
    green = await startBackend('green');
    const { url } = await start([100, 0]);
    session = await h2Connect(url, caPem);
    const stream = session.request({ ':path': '/events' });
    stream.setEncoding('utf8');
    let text = '';
    stream.on('data', (chunk: string) => (text += chunk));
    expect(await eventually(() => text.includes('data: one'))).toBe(true);
    expect(await eventually(() => running!.plane.status('blue').openStreams === 1)).toBe(true);
    // An update drain's end-connections ends the stream cleanly, between two events.
    expect(running!.plane.updateDrain('blue', 'end-connections')).toBeGreaterThanOrEqual(workers === 1 ? 1 : 0);
    await new Promise((resolve) => stream.once('end', resolve));
    expect(text).toBe('data: one\n\n');
  });

  it('carries a WebSocket over HTTPS (HTTP/1.1 upgrade), with the CA trusted', async () => {
    blue = await startBackend('blue');
    green = await startBackend('green');
    const wss = new WebSocketServer({ server: blue.server });
    wss.on('connection', (socket, req) => socket.on('message', (data) => socket.send(`${String(req.headers['x-forwarded-proto'])}:${String(data)}`)));
    const { url } = await start([100, 0]);
    const ws = new WebSocket(url.replace('https:', 'wss:'), { ca: caPem });
    await new Promise((resolve, reject) => ws.once('open', resolve).once('error', reject));
    const reply = new Promise<string>((resolve) => ws.once('message', (data) => resolve(String(data))));
    ws.send('ping');
    expect(await reply).toBe('https:ping');
    expect(await eventually(() => running!.plane.status('blue').openWebSockets === 1)).toBe(true);
    const closed = new Promise<number>((resolve) => ws.once('close', resolve));
    await running!.plane.stop();
    running = undefined;
    expect(await closed).toBe(1001);
    wss.close();
  });

  it('pausing sends GOAWAY to HTTP/2 sessions and ends HTTP/1.1 keep-alives; a stream in flight finishes', async () => {
    let release: (() => void) | undefined;
    blue = await startBackend('blue', (req, res) => {
      if (req.url === '/slow') release = () => res.end('slow done');
      else res.end('blue');
    });
    green = await startBackend('green');
    const { url } = await start([100, 0]);
    session = await h2Connect(url, caPem);
    const goaway = new Promise((resolve) => session!.once('goaway', resolve));
    const slow = h2Request(session, '/slow');
    expect(await eventually(() => release !== undefined)).toBe(true);
    const agent = new https.Agent({ keepAlive: true, ca: caPem });
    // Wrapped: a promise resolved with a promise would wait for it.
    const h1Closed = await new Promise<{ closed: Promise<void> }>((resolve, reject) => {
      https.get(`${url}/`, { agent }, (res) => {
        const socket = res.socket;
        res.resume();
        res.on('end', () => resolve({ closed: new Promise((closed) => socket.once('close', () => closed())) }));
      }).on('error', reject);
    });
    running!.plane.pause();
    await goaway;
    await h1Closed.closed;
    release!();
    expect((await slow).body).toBe('slow done');
    agent.destroy();
  });

  it('reloads changed certificate files without dropping an open connection; a bad pair keeps the old one', async () => {
    blue = await startBackend('blue');
    green = await startBackend('green');
    const own = makeTempDir();
    try {
      const first = selfSignedCert();
      const certFile = path.join(own.dir, 'cert.pem');
      const keyFile = path.join(own.dir, 'key.pem');
      fs.writeFileSync(certFile, first.cert);
      fs.writeFileSync(keyFile, first.key);
      running = await startPlane({ environments: [{ name: 'blue', url: blue.url, weight: 100, health: { enabled: false } }, { name: 'green', url: green.url, weight: 0, health: { enabled: false } }] }, { workers, tls: { certFile, keyFile } });
      session = await h2Connect(running.url, first.cert);
      expect((await h2Request(session, '/')).body).toBe('blue');
      const second = selfSignedCert();
      fs.writeFileSync(certFile, second.cert);
      fs.writeFileSync(keyFile, second.key);
      running.plane.reloadTls();
      // The open connection keeps its certificate and goes on; a new one gets the new pair.
      expect((await h2Request(session, '/')).body).toBe('blue');
      const fresh = await eventually(async () => {
        try {
          const next = await h2Connect(running!.url, second.cert);
          next.destroy();
          return true;
        } catch {
          return false;
        }
      });
      expect(fresh).toBe(true);
      expect(session.destroyed).toBe(false);
      // A key that is not the certificate's: refused, naming the file; the second pair stays in use.
      fs.writeFileSync(keyFile, first.key);
      expect(() => running!.plane.reloadTls()).toThrow(`${keyFile} is not the key of the certificate in ${certFile}`);
      const still = await h2Connect(running.url, second.cert);
      expect((await h2Request(still, '/')).body).toBe('blue');
      still.destroy();
    } finally {
      own.cleanup();
    }
  });
});
