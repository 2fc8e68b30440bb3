import net from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { get, type RunningPlane } from '../../support/data-plane';
import { startHostilePlane, type HostilePlane } from '../../support/hostile-plane';
import { rawExchange } from '../../support/raw-http';

/**
 * Each case ends by proving the proxy still serves: a crash would take the test process
 * (and this suite) down with it; a wedged listener would fail the follow-up request.
 */
// In Turnout's process, and on two worker processes (whose connections the primary hands over).
describe.each([1, 2])('hostile input never crashes the proxy (real sockets, %i proxy process(es))', (workers) => {
  let hostile: HostilePlane;
  let running: RunningPlane;
  let seen: string[];
  let workerPids: number[];

  beforeAll(async () => {
    hostile = await startHostilePlane({ workers });
    ({ running, seen, workerPids } = hostile);
  });

  afterAll(() => hostile.close());

  const stillServes = async () => expect((await get(running.url)).status).toBe(200);

  it('rejects bad header bytes with 400', async () => {
    const answer = await rawExchange(running.port, ['GET / HTTP/1.1\r\nHost: x\r\nX-Bad: a\x01b\r\n\r\n']);
    expect(answer.text).toMatch(/^HTTP\/1\.1 400 /);
    expect(answer.closed).toBe(true);
    await stillServes();
  });

  it('refuses a Content-Length + Transfer-Encoding smuggling attempt; nothing is smuggled upstream', async () => {
    const attack =
      'POST / HTTP/1.1\r\nHost: x\r\nContent-Length: 4\r\nTransfer-Encoding: chunked\r\n\r\n0\r\n\r\nGET /smuggled HTTP/1.1\r\nHost: x\r\n\r\n';
    const answer = await rawExchange(running.port, [attack]);
    expect(answer.text).toMatch(/^HTTP\/1\.1 400 /);
    expect(seen.some((line) => line.includes('/smuggled'))).toBe(false);
    await stillServes();
  });

  it('answers oversized headers with 431', async () => {
    const answer = await rawExchange(running.port, [`GET / HTTP/1.1\r\nHost: x\r\nX-Big: ${'a'.repeat(64 * 1024)}\r\n\r\n`]);
    expect(answer.text).toMatch(/^HTTP\/1\.1 431 /);
    await stillServes();
  });

  it('closes a slowloris connection that never finishes its headers', async () => {
    const socket = net.connect(running.port, '127.0.0.1');
    socket.on('error', () => undefined);
    socket.write('GET / HTTP/1.1\r\nHost: x\r\n');
    const drip = setInterval(() => socket.write('X-Drip: 1\r\n'), 200);
    const started = Date.now();
    const closedAfter = await new Promise<number>((resolve) => {
      socket.on('close', () => resolve(Date.now() - started));
      setTimeout(() => resolve(Infinity), 8000);
    });
    clearInterval(drip);
    socket.destroy();
    expect(closedAfter).toBeLessThan(8000);
    await stillServes();
  });

  it('survives clients that reset mid-request and mid-response, and counts nothing left in flight', async () => {
    for (let i = 0; i < 10; i++) {
      // Half a body, then a reset.
      const upload = net.connect(running.port, '127.0.0.1');
      upload.on('error', () => undefined);
      await new Promise((resolve) => upload.once('connect', resolve));
      upload.write('POST /upload HTTP/1.1\r\nHost: x\r\nContent-Length: 100000\r\n\r\n' + 'y'.repeat(5000));
      await new Promise((resolve) => setTimeout(resolve, 10));
      upload.resetAndDestroy();
      // A streaming response, then a reset while it flows.
      const download = net.connect(running.port, '127.0.0.1');
      download.on('error', () => undefined);
      download.write('GET /slow-body HTTP/1.1\r\nHost: x\r\n\r\n');
      await new Promise((resolve) => download.once('data', resolve));
      download.resetAndDestroy();
    }
    await expect.poll(() => running.plane.status('blue').inFlight + running.plane.status('green').inFlight).toBe(0);
    await stillServes();
  });

  it('ends with the same proxy processes it started with: none crashed and was replaced', () => {
    expect(running.plane.workerPids).toEqual(workerPids);
    expect(workerPids).toHaveLength(workers > 1 ? workers : 0);
  });
});
