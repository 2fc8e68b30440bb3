import { execFile } from 'node:child_process';
import http from 'node:http';
import { promisify } from 'node:util';
import { afterEach, describe, expect, it } from 'vitest';
import { WebSocket, WebSocketServer } from 'ws';
import { startStatefulApp, type StatefulApp } from '../../support/stateful-app';
import { eventually, startPlane, type RunningPlane } from '../../support/data-plane';

/**
 * Each step of an update drain on the data plane, against real servers and clients: the
 * `ws` library on both ends of a WebSocket, an Express event stream read raw, curl for
 * cookies. What a client library sees is what is asserted (close codes, complete bodies).
 */
describe('update drain steps', () => {
  let running: RunningPlane | undefined;
  const closers: (() => Promise<unknown> | void)[] = [];
  afterEach(async () => {
    await running?.plane.stop();
    running = undefined;
    for (const close of closers.splice(0).reverse()) await close();
  });

  async function twoApps(routing: 'sticky' | 'round-robin' = 'sticky'): Promise<{ blue: StatefulApp; green: StatefulApp; plane: RunningPlane }> {
    const blue = await startStatefulApp('blue', 'v1');
    const green = await startStatefulApp('green', 'v1');
    closers.push(() => blue.close(), () => green.close());
    running = await startPlane({
      routing,
      environments: [
        { name: 'blue', url: blue.url, weight: 100 },
        { name: 'green', url: green.url, weight: 0 },
      ],
    });
    return { blue, green, plane: running };
  }

  it('closes a WebSocket with 1001 Going Away on both sides, between frames, after every message already sent', async () => {
    // Answers health probes; the WebSocket is the point.
    const server = http.createServer((_req, res) => res.end('ok'));
    const wss = new WebSocketServer({ server });
    const serverCloses: number[] = [];
    wss.on('connection', (socket) => {
      socket.on('message', (data) => socket.send(`echo:${String(data)}`));
      socket.on('close', (code) => serverCloses.push(code));
      // A burst of large frames, so the close must find a boundary inside a stream of bytes.
      for (let i = 0; i < 20; i++) socket.send('x'.repeat(70_000));
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    closers.push(() => new Promise((resolve) => server.close(resolve)), () => wss.close());
    const upstreamUrl = `http://127.0.0.1:${(server.address() as { port: number }).port}`;
    running = await startPlane({ environments: [{ name: 'blue', url: upstreamUrl, weight: 100 }, { name: 'green', url: upstreamUrl, weight: 0 }] });
    const client = new WebSocket(running.url.replace('http:', 'ws:'));
    const servedBy = new Promise<string | undefined>((resolve) => client.once('upgrade', (res) => resolve(res.headers['x-served-by'] as string | undefined)));
    const received: string[] = [];
    client.on('message', (data) => received.push(String(data).slice(0, 10)));
    await new Promise((resolve, reject) => client.once('open', resolve).once('error', reject));
    expect(await servedBy).toBe('blue');
    const closed = new Promise<{ code: number; reason: string }>((resolve) => client.once('close', (code, reason) => resolve({ code, reason: String(reason) })));
    client.send('before the drain');
    await eventually(() => received.includes('echo:befor'), 2000);

    running.plane.apply({ environments: [{ name: 'blue', url: upstreamUrl, weight: 0 }, { name: 'green', url: upstreamUrl, weight: 100 }] });
    expect(running.plane.updateDrain('blue', 'end-connections')).toBe(1);
    const { code, reason } = await closed;
    expect(code).toBe(1001);
    expect(reason).toMatch(/going away/);
    expect(await eventually(() => serverCloses.length === 1, 2000)).toBe(true);
    expect(serverCloses).toEqual([1001]);
    // A frame cut in half would have failed the client with 1002 (protocol error) instead.
    expect(received.every((text) => text === 'xxxxxxxxxx' || text === 'echo:befor')).toBe(true);
    expect(await eventually(() => running!.plane.status('blue').drained, 2000)).toBe(true);
  });

  it('ends an event stream between two events with a complete body, and the app sees its client leave', async () => {
    const { blue, plane } = await twoApps('round-robin');
    const ended = new Promise<{ how: string; body: string }>((resolve) => {
      http.get(`${plane.url}/events`, (res) => {
        let body = '';
        res.setEncoding('utf8');
        res.on('data', (text: string) => (body += text));
        res.on('end', () => resolve({ how: 'end', body }));
        res.on('aborted', () => resolve({ how: 'cut', body }));
      });
    });
    expect(await eventually(() => plane.plane.status('blue').openStreams === 1 && blue.stats().eventStreams === 1, 3000)).toBe(true);
    await new Promise((resolve) => setTimeout(resolve, 350));
    plane.plane.apply({ environments: [{ name: 'blue', url: blue.url, weight: 0 }, { name: 'green', url: blue.url, weight: 100 }] });
    plane.plane.updateDrain('blue', 'begin');
    plane.plane.updateDrain('blue', 'end-connections');
    const { how, body } = await ended;
    expect(how).toBe('end');
    // Every event is whole: the stream ended on a blank line.
    expect(body.endsWith('\n\n')).toBe(true);
    expect(body.match(/^data: /gm)!.length).toBeGreaterThanOrEqual(2);
    expect(await eventually(() => blue.stats().eventStreams === 0 && plane.plane.status('blue').drained, 2000)).toBe(true);
  });

  it('keeps sticky clients through the session window, then re-pins them where traffic goes; a tester pin still reaches the drained side', async () => {
    const { blue, green, plane } = await twoApps('sticky');
    const curl = promisify(execFile);
    const get = async (...args: string[]) => (await curl('curl', ['-s', '-D', '-', '-o', '/dev/null', ...args, `${plane.url}/api/session`])).stdout;
    const first = await get();
    expect(first).toMatch(/x-served-by: blue/i);
    expect(first).toMatch(/set-cookie: turnout_sticky=blue/i);
    plane.plane.apply({ routing: 'sticky', environments: [{ name: 'blue', url: blue.url, weight: 0 }, { name: 'green', url: green.url, weight: 100 }] });
    plane.plane.updateDrain('blue', 'begin');
    expect(await get('-H', 'cookie: turnout_sticky=blue')).not.toMatch(/set-cookie: turnout_sticky/i);
    expect(plane.plane.status('blue').drained).toBe(false);
    plane.plane.updateDrain('blue', 'close-sessions');
    const moved = await get('-H', 'cookie: turnout_sticky=blue');
    expect(moved).toMatch(/x-served-by: green/i);
    expect(moved).toMatch(/set-cookie: turnout_sticky=green/i);
    expect(await get('-H', 'x-turnout-env: blue')).toMatch(/x-served-by: blue/i);
    expect(await eventually(() => plane.plane.status('blue').drained, 2000)).toBe(true);
  });

  it('cuts what is still in flight at the deadline', async () => {
    const slow = http.createServer(() => undefined);
    await new Promise<void>((resolve) => slow.listen(0, '127.0.0.1', resolve));
    closers.push(() => {
      slow.closeAllConnections();
      return new Promise((resolve) => slow.close(resolve));
    });
    const url = `http://127.0.0.1:${(slow.address() as { port: number }).port}`;
    running = await startPlane({ environments: [{ name: 'blue', url, weight: 100 }, { name: 'green', url, weight: 0 }] });
    const outcome = new Promise<string>((resolve) => http.get(`${running!.url}/never`, () => resolve('answered')).on('error', (error) => resolve(error.message)));
    expect(await eventually(() => running!.plane.status('blue').inFlight === 1, 2000)).toBe(true);
    running.plane.updateDrain('blue', 'cut');
    expect(await outcome).toMatch(/socket hang up|ECONNRESET/);
    expect(await eventually(() => running!.plane.status('blue').inFlight === 0, 2000)).toBe(true);
  });
});
