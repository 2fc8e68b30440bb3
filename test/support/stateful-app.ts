import http from 'node:http';
import type { AddressInfo } from 'node:net';
import express from 'express';
import session from 'express-session';
import { Server as SocketIoServer } from 'socket.io';
import type { FlowView } from '../../shared/contract/flow';

/**
 * A real stateful app built from the parts people use (Express 5, express-session with its
 * in-memory store, Socket.IO 4 and a server-sent-events stream), run as Blue or Green in the
 * drain tests. Its counts are its own, read straight from Express and Socket.IO, never from
 * Turnout: "drained" must mean they are 0.
 */
export interface StatefulApp {
  name: string;
  version: string;
  url: string;
  port: number;
  /** What the app itself sees open right now. */
  stats(): AppStats;
  close(): Promise<void>;
}

export interface AppStats {
  socketIoClients: number;
  eventStreams: number;
  /** Plain requests being answered (not streams, not Socket.IO). */
  requestsInProgress: number;
}

/** The page a browser tab opens: its bundle is versioned, so a mixed-version page fails visibly. */
function page(name: string, version: string): string {
  return `<!doctype html><html><head><meta charset="utf-8"><title>${name} ${version}</title></head>
<body><h1 id="version">${name} ${version}</h1>
<script src="/socket.io/socket.io.js"></script>
<script src="/assets/app-${version}.js"></script></body></html>`;
}

/**
 * The tab's own script: a Socket.IO connection that echoes with acknowledgements (and
 * Socket.IO's own retries, as its docs advise for at-least-once delivery), an EventSource, and
 * a session counter over fetch. Everything it sees lands in window.appLog for the test.
 */
function bundle(version: string): string {
  return `window.appLog = { bundle: '${version}', hello: [], acks: 0, lostAcks: 0, connectErrors: 0, disconnects: [], events: [], sseErrors: 0, sseOpen: 0, sessions: [], fetchErrors: 0 };
const log = window.appLog;
const socket = io({ reconnectionDelay: 300, reconnectionDelayMax: 600, retries: 5, ackTimeout: 3000 });
socket.on('hello', (hello) => log.hello.push(hello.name + ' ' + hello.version));
socket.on('connect_error', () => log.connectErrors++);
socket.on('disconnect', (reason) => log.disconnects.push(reason));
setInterval(() => { if (socket.connected) socket.emitWithAck('echo', Date.now()).then(() => log.acks++, () => log.lostAcks++); }, 200);
const stream = new EventSource('/events');
stream.onopen = () => log.sseOpen++;
stream.onmessage = (event) => log.events.push(JSON.parse(event.data).version);
stream.onerror = () => { if (stream.readyState === EventSource.CLOSED) log.sseErrors++; };
setInterval(() => fetch('/api/session').then((res) => res.json()).then((body) => log.sessions.push(body.version), () => log.fetchErrors++), 300);
`;
}

export async function startStatefulApp(name: string, version: string, port = 0): Promise<StatefulApp> {
  const app = express();
  let eventStreams = 0;
  let requestsInProgress = 0;
  app.use((req, res, next) => {
    if (req.path === '/events' || req.path.startsWith('/socket.io')) return next();
    requestsInProgress++;
    res.once('close', () => requestsInProgress--);
    next();
  });
  app.use(session({ secret: `turnout-test-${name}`, resave: false, saveUninitialized: true }));
  // Browsers ask for it on every page; a 404 would be a console error in every tab.
  app.get('/favicon.ico', (_req, res) => {
    res.status(204).end();
  });
  app.get('/health', (_req, res) => {
    res.type('text').send('ok');
  });
  app.get('/', (_req, res) => {
    res.type('html').send(page(name, version));
  });
  app.get(`/assets/app-${version}.js`, (_req, res) => {
    res.type('js').send(bundle(version));
  });
  app.get('/api/session', (req, res) => {
    const data = req.session as unknown as { views?: number };
    data.views = (data.views ?? 0) + 1;
    res.json({ name, version, views: data.views });
  });
  app.get('/events', (req, res) => {
    eventStreams++;
    res.writeHead(200, { 'content-type': 'text/event-stream', 'cache-control': 'no-cache' });
    res.write('retry: 300\n\n');
    let n = 0;
    const timer = setInterval(() => res.write(`data: ${JSON.stringify({ name, version, n: n++ })}\n\n`), 100);
    req.once('close', () => {
      clearInterval(timer);
      eventStreams--;
    });
  });
  const server = http.createServer(app);
  const io = new SocketIoServer(server);
  io.on('connection', (socket) => {
    socket.emit('hello', { name, version });
    socket.on('echo', (value: unknown, ack: (reply: unknown) => void) => ack({ name, version, value }));
  });
  await new Promise<void>((resolve, reject) => server.once('error', reject).listen(port, '127.0.0.1', resolve));
  const bound = (server.address() as AddressInfo).port;
  return {
    name,
    version,
    url: `http://127.0.0.1:${bound}`,
    port: bound,
    stats: () => ({ socketIoClients: io.engine.clientsCount, eventStreams, requestsInProgress }),
    async close() {
      // io.close() closes the HTTP server too, once every client is told.
      await new Promise<void>((resolve) => {
        io.close(() => resolve());
        server.closeAllConnections();
      });
    },
  };
}

/**
 * Waits until the update says `app` is drained and safe to update, and reads the app's own
 * counts in that very moment (polled every 20 ms; what the user would read before acting).
 */
export async function countsWhenSafe(getUpdate: () => Promise<FlowView | null>, app: StatefulApp, timeoutMs = 60_000): Promise<AppStats> {
  const started = Date.now();
  for (;;) {
    const view = await getUpdate();
    if (view?.waitingFor?.kind === 'user' && view.waitingFor.env === app.name) return app.stats();
    if (view?.status !== 'running' || Date.now() - started > timeoutMs) throw new Error(`no safe point for ${app.name}: ${JSON.stringify(view?.waitingFor ?? view?.reason)}`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}
