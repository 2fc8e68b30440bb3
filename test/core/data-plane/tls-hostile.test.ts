import type http2 from 'node:http2';
import net from 'node:net';
import tls from 'node:tls';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningPlane } from '../../support/data-plane';
import { startHostilePlane, type HostilePlane } from '../../support/hostile-plane';
import { h2Connect, h2Request } from '../../support/h2-client';
import { localTlsFront, rawTlsExchange } from '../../support/tls-front';

/** Milliseconds until the server closes `socket`, or Infinity after `limitMs`. */
function closedWithin(socket: net.Socket, limitMs: number): Promise<number> {
  const started = Date.now();
  return new Promise((resolve) => {
    socket.on('close', () => resolve(Date.now() - started));
    setTimeout(() => resolve(Infinity), limitMs);
  });
}

/** The hostile-input suite's cases (hostile-input.test.ts), over the HTTPS listener: HTTP/1.1 inside TLS, HTTP/2, and TLS itself. */
describe.each([1, 2])('hostile input over HTTPS never crashes the proxy (%i proxy process(es))', (workers) => {
  let hostile: HostilePlane;
  let running: RunningPlane;
  let front: Awaited<ReturnType<typeof localTlsFront>>;
  let seen: string[];
  let workerPids: number[];

  beforeAll(async () => {
    front = await localTlsFront();
    hostile = await startHostilePlane({ workers, tls: front.files });
    ({ running, seen, workerPids } = hostile);
  });

  afterAll(async () => {
    await hostile.close();
    front.cleanup();
  });

  const stillServes = async (): Promise<void> => {
    const session = await h2Connect(running.url, front.caPem);
    expect((await h2Request(session, '/')).status).toBe(200);
    session.destroy();
  };

  it('rejects bad header bytes inside TLS with 400, and a CL + TE smuggling attempt; nothing is smuggled upstream', async () => {
    const bad = await rawTlsExchange(running.port, front.caPem, ['GET / HTTP/1.1\r\nHost: x\r\nX-Bad: a\x01b\r\n\r\n']);
    expect(bad.text).toMatch(/^HTTP\/1\.1 400 /);
    const attack = 'POST / HTTP/1.1\r\nHost: x\r\nContent-Length: 4\r\nTransfer-Encoding: chunked\r\n\r\n0\r\n\r\nGET /smuggled HTTP/1.1\r\nHost: x\r\n\r\n';
    const smuggled = await rawTlsExchange(running.port, front.caPem, [attack]);
    expect(smuggled.text).toMatch(/^HTTP\/1\.1 400 /);
    expect(seen.some((line) => line.includes('/smuggled'))).toBe(false);
    await stillServes();
  });

  it('closes plain HTTP, garbage and a TLS handshake that never finishes (slowloris before TLS)', async () => {
    // Not here: a ClientHello record cut short, then silence, was seen holding its socket past
    // the handshake bound (node:tls's handshakeTimeout did not fire). A known gap: docs/https.md.
    for (const bytes of ['GET / HTTP/1.1\r\nHost: x\r\n\r\n', Buffer.alloc(64, 0xab)]) {
      const socket = net.connect(running.port, '127.0.0.1');
      socket.on('error', () => undefined);
      socket.write(bytes);
      expect(await closedWithin(socket, 8000)).toBeLessThan(8000);
    }
    // Connected, silent: the handshake gets the headers timeout (1 s here), then the socket goes.
    const silent = net.connect(running.port, '127.0.0.1');
    silent.on('error', () => undefined);
    expect(await closedWithin(silent, 8000)).toBeLessThan(8000);
    await stillServes();
  });

  it('closes an HTTP/1.1-in-TLS slowloris that never finishes its headers', async () => {
    const socket = tls.connect({ port: running.port, host: '127.0.0.1', ca: front.caPem, ALPNProtocols: ['http/1.1'] });
    socket.on('error', () => undefined);
    await new Promise((resolve) => socket.once('secureConnect', resolve));
    socket.write('GET / HTTP/1.1\r\nHost: x\r\n');
    const drip = setInterval(() => socket.write('X-Drip: 1\r\n'), 200);
    const closedAfter = await closedWithin(socket, 8000);
    clearInterval(drip);
    socket.destroy();
    expect(closedAfter).toBeLessThan(8000);
    await stillServes();
  });

  it('survives HTTP/2 streams reset mid-request and mid-response, a bad :path, and a session torn down; nothing is left in flight', async () => {
    const session = await h2Connect(running.url, front.caPem);
    for (let i = 0; i < 10; i++) {
      const upload = session.request({ ':method': 'POST', ':path': '/upload' });
      upload.on('error', () => undefined);
      upload.write('y'.repeat(5000));
      await new Promise((resolve) => setTimeout(resolve, 10));
      upload.close(0x8 /* CANCEL */);
      const download = session.request({ ':path': '/slow-body' });
      download.on('error', () => undefined);
      await new Promise((resolve) => download.once('data', resolve));
      download.close(0x8);
    }
    // An absolute URL as :path: refused (400 from Turnout, or a stream error from node:http2), never forwarded as is.
    const weird = await h2Request(session, 'http://evil.example:1/x').then((answer) => answer.status, () => 'refused');
    expect([200, 400, 'refused']).toContain(weird);
    expect(seen.some((line) => line.includes('evil.example'))).toBe(false);
    const torn = session.request({ ':path': '/slow-body' }) as http2.ClientHttp2Stream;
    torn.on('error', () => undefined);
    await new Promise((resolve) => torn.once('data', resolve));
    session.destroy();
    await expect.poll(() => running.plane.status('blue').inFlight + running.plane.status('green').inFlight, { timeout: 5000 }).toBe(0);
    await stillServes();
  });

  it('ends with the same proxy processes it started with: none crashed and was replaced', () => {
    expect(running.plane.workerPids).toEqual(workerPids);
    expect(workerPids).toHaveLength(workers > 1 ? workers : 0);
  });
});
