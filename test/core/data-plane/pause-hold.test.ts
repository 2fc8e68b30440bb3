import http from 'node:http';
import { afterEach, describe, expect, it } from 'vitest';
import { WebSocket, WebSocketServer } from 'ws';
import { startBackend, type Backend } from '../../support/backends';
import { eventually, startPlane, type RunningPlane } from '../../support/data-plane';
import { startSteadyLoad } from '../../support/steady-load';
import { RequestGate } from '../../../electron/core/proxy/request-gate';

interface Answer {
  status: number;
  headers: http.IncomingHttpHeaders;
  body: string;
  /** When it was sent and when its answer ended (Date.now()). */
  sentAt: number;
  doneAt: number;
}

function request(url: string, headers: Record<string, string> = {}, signal?: AbortSignal): Promise<Answer> {
  const sentAt = Date.now();
  return new Promise((resolve, reject) => {
    const req = http.get(url, { agent: false, headers, signal }, (res) => {
      let body = '';
      res.on('data', (chunk) => (body += chunk));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body, sentAt, doneAt: Date.now() }));
    });
    req.on('error', reject);
  });
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

// Both ways the embedded proxy runs: in Turnout's process, and as two worker processes (the hold applied in each).
describe.each([1, 2])('pause with a hold or a stop (real backends, real clients, %i proxy process(es))', (workers) => {
  let blue: Backend;
  let green: Backend;
  let running: RunningPlane;
  /** The order marked requests (x-seq) reached an environment. */
  let arrivals: number[];
  let wss: WebSocketServer[];

  const start = async () => {
    arrivals = [];
    // 20 ms of work per request: some are always in flight when the hold begins.
    const app = (name: string) => (req: http.IncomingMessage, res: http.ServerResponse) => {
      if (req.headers['x-seq']) arrivals.push(Number(req.headers['x-seq']));
      setTimeout(() => res.end(name), 20);
    };
    blue = await startBackend('blue', app('blue'));
    green = await startBackend('green', app('green'));
    wss = [blue, green].map((backend) => new WebSocketServer({ server: backend.server }));
    for (const server of wss) server.on('connection', (socket) => socket.on('message', (data) => socket.send(`echo ${String(data)}`)));
    running = await startPlane(
      {
        environments: [
          { name: 'blue', url: blue.url, weight: 50, health: { enabled: false } },
          { name: 'green', url: green.url, weight: 50, health: { enabled: false } },
        ],
      },
      { workers },
    );
  };

  afterEach(async () => {
    await running?.plane.stop();
    for (const server of wss ?? []) server.close();
    await blue?.close();
    await green?.close();
  });

  it('holds 3 s under a 16-client closed loop, then resume: 0 failed, the held ones answered after resume in arrival order', async () => {
    await start();
    const load = startSteadyLoad(running.url, 16, 20_000);
    await sleep(500);
    running.plane.hold({ mode: 'hold', timeoutMs: 30_000, message: '' });
    const heldAt = Date.now();
    // Marked requests 150 ms apart: their arrival order at Turnout is certain.
    const marked: Promise<Answer>[] = [];
    for (let seq = 1; seq <= 5; seq++) {
      marked.push(request(`${running.url}/marked`, { 'x-seq': String(seq) }));
      await sleep(150);
    }
    const socket = new WebSocket(running.url.replace('http', 'ws'));
    let openedAt = 0;
    socket.on('open', () => (openedAt = Date.now()));
    // Every client of the loop and every marked request waits (with workers, the count arrives within 20 ms).
    expect(await eventually(() => running.plane.held.count >= 16 + 5 + 1, 3000)).toBe(true);
    expect(running.plane.held.oldestSince).toBeGreaterThanOrEqual(heldAt - 5);
    expect(arrivals).toEqual([]);
    await sleep(3000 - (Date.now() - heldAt));
    const resumedAt = Date.now();
    running.plane.hold(null);
    const answers = await Promise.all(marked);
    const tally = await load.stop();
    expect(tally.failures).toEqual([]);
    expect(tally.ok).toBeGreaterThanOrEqual(16);
    for (const answer of answers) {
      expect(answer.status).toBe(200);
      expect(answer.doneAt).toBeGreaterThanOrEqual(resumedAt);
    }
    const waits = answers.map((answer) => answer.doneAt - answer.sentAt);
    // The first marked request waited about the whole hold less the 150 ms it came in after.
    expect(waits[0]).toBeGreaterThan(2500);
    // Released in arrival order (the gate's own test below); at the environments, parallel upstream
    // connections may swap neighbours, and with workers each process releases its own at the same moment.
    expect([...arrivals].sort()).toEqual([1, 2, 3, 4, 5]);
    console.log(`held ${workers} process(es): ${tally.ok} ok, marked waits ${waits.join(', ')} ms`);
    await eventually(() => openedAt > 0, 3000);
    expect(openedAt).toBeGreaterThanOrEqual(resumedAt);
    const echo = new Promise<string>((resolve) => socket.once('message', (data) => resolve(String(data))));
    socket.send('hi');
    expect(await echo).toBe('echo hi');
    socket.close();
    expect(await eventually(() => running.plane.held.count === 0, 1000)).toBe(true);
  }, 30_000);

  it('past the timeout: 503 with Retry-After; a client that gives up is forgotten at once', async () => {
    await start();
    running.plane.hold({ mode: 'hold', timeoutMs: 400, message: '' });
    const leaving = new AbortController();
    const gone = request(`${running.url}/gone`, {}, leaving.signal).catch(() => 'aborted');
    expect(await eventually(() => running.plane.held.count === 1, 2000)).toBe(true);
    leaving.abort();
    expect(await gone).toBe('aborted');
    expect(await eventually(() => running.plane.held.count === 0, 2000)).toBe(true);
    const late = await request(`${running.url}/late`, { accept: 'application/json' });
    expect(late.status).toBe(503);
    expect(late.headers['retry-after']).toBe('5');
    expect(late.doneAt - late.sentAt).toBeGreaterThanOrEqual(380);
    expect(JSON.parse(late.body)).toMatchObject({ error: 'hold-timeout', retryAfter: 5 });
    expect(blue.hits + green.hits).toBe(0);
    running.plane.hold(null);
    expect((await request(`${running.url}/after`)).status).toBe(200);
  });

  it('stop: every request gets the 503 maintenance answer, HTML for browsers, JSON on request; resume serves again', async () => {
    await start();
    running.plane.hold({ mode: 'stop', timeoutMs: 30_000, message: 'Migrating <the> database' });
    const page = await request(`${running.url}/`, { accept: 'text/html,application/xhtml+xml' });
    expect(page.status).toBe(503);
    expect(page.headers['content-type']).toMatch(/text\/html/);
    expect(page.headers['retry-after']).toBe('30');
    expect(page.body).toContain('Migrating &#60;the&#62; database');
    const json = await request(`${running.url}/api`, { accept: 'application/json' });
    expect(json.status).toBe(503);
    expect(json.headers['retry-after']).toBe('30');
    expect(JSON.parse(json.body)).toEqual({ error: 'maintenance', message: 'Migrating <the> database', retryAfter: 30 });
    expect(blue.hits + green.hits).toBe(0);
    running.plane.hold(null);
    expect((await request(`${running.url}/`)).status).toBe(200);
  });
});

describe('the request gate on a real server: release order', () => {
  it('releases held requests in the order they arrived, each served once', async () => {
    const served: number[] = [];
    const server = http.createServer();
    const gate = new RequestGate(
      { mode: 'hold', timeoutMs: 10_000, message: '' },
      {
        serve: (req, res) => {
          served.push(Number(req.headers['x-seq']));
          res.end('ok');
        },
        tunnel: (_req, socket) => socket.destroy(),
        idleTimeoutMs: () => 5000,
        changed: () => undefined,
      },
    );
    server.on('request', (req, res) => gate.request(req, res));
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const url = `http://127.0.0.1:${(server.address() as { port: number }).port}`;
    try {
      const answers: Promise<Answer>[] = [];
      for (let seq = 1; seq <= 20; seq++) {
        answers.push(request(url, { 'x-seq': String(seq) }));
        await eventually(() => gate.summary.count === seq, 2000, 5);
      }
      gate.release();
      expect((await Promise.all(answers)).map((answer) => answer.status)).toEqual(Array(20).fill(200));
      expect(served).toEqual(Array.from({ length: 20 }, (_, i) => i + 1));
      expect(gate.summary).toEqual({ count: 0, oldestSince: null });
    } finally {
      server.close();
    }
  });
});
