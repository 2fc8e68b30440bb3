import type http from 'node:http';
import type { Duplex } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startBackend, type Backend } from '../../support/backends';
import { startPlane, type RunningPlane } from '../../support/data-plane';
import { rawExchange } from '../../support/raw-http';

/** What the backend saw of one request, as it answers it (JSON body, or headers of a 101). */
interface Seen {
  env: string;
  method: string;
  url: string;
  host: string;
  forwardedHost: string;
}

function seenBy(env: string, req: http.IncomingMessage): Seen {
  return { env, method: req.method ?? '', url: req.url ?? '', host: req.headers.host ?? '', forwardedHost: String(req.headers['x-forwarded-host']) };
}

/** A backend that echoes the request line and Host it received, for plain requests and WebSocket upgrades. */
async function echoBackend(name: string): Promise<Backend> {
  const backend = await startBackend(name, (req, res) => {
    req.resume();
    req.on('end', () => res.end(JSON.stringify(seenBy(name, req))));
  });
  backend.server.on('upgrade', (req: http.IncomingMessage, socket: Duplex) => {
    backend.hits++;
    socket.on('error', () => undefined);
    const seen = Buffer.from(JSON.stringify(seenBy(name, req))).toString('base64');
    socket.end(`HTTP/1.1 101 Switching Protocols\r\nupgrade: websocket\r\nconnection: Upgrade\r\nx-seen: ${seen}\r\n\r\n`);
  });
  return backend;
}

function jsonBody(text: string): Seen {
  return JSON.parse(text.slice(text.indexOf('\r\n\r\n') + 4)) as Seen;
}

/**
 * RFC 9112 §3.2.2 at the edge, with a raw client (fetch and http.request never send
 * absolute-form to a server) and real backends, through both upstream clients: undici
 * (body-less requests) and http-proxy (requests with a body, WebSocket upgrades), in
 * Turnout's process and on two worker processes.
 */
describe.each([1, 2])('request targets: absolute-form becomes origin-form, its authority the Host (%i proxy process(es))', (workers) => {
  let blue: Backend;
  let green: Backend;
  let running: RunningPlane;
  const hits = () => blue.hits + green.hits;
  const send = (head: string, body = '') => rawExchange(running.port, [`${head}\r\nconnection: close\r\n\r\n${body}`]);

  beforeAll(async () => {
    blue = await echoBackend('blue');
    green = await echoBackend('green');
    running = await startPlane(
      {
        environments: [
          { name: 'blue', url: blue.url, weight: 100, health: { enabled: false } },
          { name: 'green', url: green.url, weight: 0, health: { enabled: false } },
        ],
      },
      { workers },
    );
  });

  afterAll(async () => {
    await running.plane.stop();
    await blue.close();
    await green.close();
  });

  it('GET (undici): the environment gets the path and query, and the target authority as Host', async () => {
    const answer = await send(`GET http://example.invalid/steal?x=1 HTTP/1.1\r\nhost: 127.0.0.1:${running.port}`);
    expect(answer.text).toMatch(/^HTTP\/1\.1 200 /);
    expect(jsonBody(answer.text)).toEqual({ env: 'blue', method: 'GET', url: '/steal?x=1', host: 'example.invalid', forwardedHost: 'example.invalid' });
  });

  it('no path is "/", a port stays in Host, the scheme is case-insensitive, a second Host line is dropped', async () => {
    const answer = await send(`GET HTTP://Example.invalid:8080 HTTP/1.1\r\nhost: 127.0.0.1\r\nhost: other.invalid`);
    expect(jsonBody(answer.text)).toMatchObject({ url: '/', host: 'Example.invalid:8080' });
    const query = await send('HEAD https://example.invalid?q=1 HTTP/1.1\r\nhost: x');
    expect(query.text).toMatch(/^HTTP\/1\.1 200 /);
    expect((await send('GET https://example.invalid?q=1 HTTP/1.1\r\nhost: x')).text).toContain('"url":"/?q=1"');
  });

  it('POST with a body (http-proxy): the same rewrite', async () => {
    const answer = await send('POST http://example.invalid/upload HTTP/1.1\r\nhost: 127.0.0.1\r\ncontent-length: 5', 'hello');
    expect(answer.text).toMatch(/^HTTP\/1\.1 200 /);
    expect(jsonBody(answer.text)).toMatchObject({ method: 'POST', url: '/upload', host: 'example.invalid' });
  });

  it('a tester pin in the absolute URL is read from the rewritten target', async () => {
    const answer = await send('GET http://example.invalid/page?turnout-env=green HTTP/1.1\r\nhost: 127.0.0.1');
    expect(jsonBody(answer.text)).toMatchObject({ env: 'green', url: '/page?turnout-env=green', host: 'example.invalid' });
  });

  it('a WebSocket upgrade in absolute-form is tunnelled with the same rewrite', async () => {
    const answer = await send(
      'GET http://example.invalid/socket HTTP/1.1\r\nhost: 127.0.0.1\r\nupgrade: websocket\r\nconnection: Upgrade\r\nsec-websocket-version: 13\r\nsec-websocket-key: dGhlIHNhbXBsZSBub25jZQ==',
    );
    expect(answer.text).toMatch(/^HTTP\/1\.1 101 /);
    const seen = JSON.parse(Buffer.from(/x-seen: (\S+)/i.exec(answer.text)![1]!, 'base64').toString('utf8')) as Seen;
    expect(seen).toMatchObject({ url: '/socket', host: 'example.invalid' });
  });

  it('origin-form is untouched: its Host goes through as sent', async () => {
    const answer = await send('GET /plain?y=2 HTTP/1.1\r\nhost: app.invalid:3000');
    expect(jsonBody(answer.text)).toMatchObject({ url: '/plain?y=2', host: 'app.invalid:3000', forwardedHost: 'app.invalid:3000' });
  });

  it.each([
    ['another scheme', 'GET ftp://example.invalid/file HTTP/1.1'],
    ['user information', 'GET http://user:secret@example.invalid/ HTTP/1.1'],
    ['no host', 'GET http:///nohost HTTP/1.1'],
    ['authority-form outside CONNECT', 'GET example.invalid:80 HTTP/1.1'],
    ['an upgrade to another scheme', 'GET ftp://example.invalid/ HTTP/1.1\r\nupgrade: websocket\r\nconnection: Upgrade'],
  ])('refuses %s with 400, reaching no environment', async (_case, line) => {
    const before = hits();
    const answer = await send(`${line}\r\nhost: 127.0.0.1`);
    expect(answer.text).toMatch(/^HTTP\/1\.1 400 /);
    expect(answer.closed).toBe(true);
    expect(hits()).toBe(before);
  });

  it('CONNECT stays refused: the connection closes with no tunnel and no environment reached', async () => {
    const before = hits();
    const answer = await send('CONNECT example.invalid:443 HTTP/1.1\r\nhost: example.invalid:443');
    expect(answer.closed).toBe(true);
    expect(answer.text).not.toMatch(/^HTTP\/1\.1 2/);
    expect(hits()).toBe(before);
  });
});
