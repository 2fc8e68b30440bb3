import http from 'node:http';
import type { Duplex } from 'node:stream';
import { WebSocketServer, type WebSocket } from 'ws';
import type { DemoEnvironmentView, DemoFaults } from '../../../shared/contract/demo';
import { closeServer, listenOn } from '../net/listen';
import { demoPage } from './demo-page';

/** How often an open WebSocket hears from the app: often enough to see, rare enough to read. */
const HELLO_INTERVAL_MS = 2000;
/** A client that ignores the close handshake must not hold a restart up. */
const WS_CLOSE_GRACE_MS = 1000;
/** Binding the port again right after closing it may briefly race the old socket. */
const REBIND_ATTEMPTS = 20;
const REBIND_DELAY_MS = 50;

/**
 * One demo app standing in for an environment: a page, `/api/version` (JSON) and `/ws`
 * (echo plus a periodic hello). It can be crashed (listener and every connection gone at
 * once: connections refused), restarted, and restarted as a new version; it always comes
 * back on the port it first got, so the environment's URL never changes.
 */
export class DemoApp {
  faults: DemoFaults = { latencyMs: 0, errorPercent: 0 };
  private server: http.Server | undefined;
  private sockets = new WebSocketServer({ noServer: true });
  private port = 0;
  private requests = 0;
  /** Old listeners finishing their in-flight requests after a restart. */
  private readonly retiring = new Set<Promise<void>>();

  constructor(
    readonly name: string,
    readonly color: string,
    private version: number,
  ) {}

  get versionNumber(): number {
    return this.version;
  }

  get url(): string {
    return `http://127.0.0.1:${this.port}`;
  }

  /** Listens on a free loopback port the first time, then always on that one. */
  async start(): Promise<string> {
    const server = this.createServer();
    this.port = await this.bind(server);
    this.server = server;
    return this.url;
  }

  /** Like a killed process: the listener closes and open connections are cut mid-answer. */
  crash(): void {
    const server = this.server;
    if (!server) return;
    this.server = undefined;
    server.close();
    server.closeAllConnections();
    for (const client of this.sockets.clients) client.terminate();
  }

  /**
   * Starts a fresh listener on the same port. A running app is stopped gracefully first:
   * its listener closes, requests in flight get their answers, WebSockets are closed with
   * 1012 (service restart) so browsers reconnect, and the new listener takes over.
   */
  async restart(version = this.version): Promise<void> {
    const old = this.server;
    const oldSockets = this.sockets;
    this.server = undefined;
    this.sockets = new WebSocketServer({ noServer: true });
    if (old) this.retire(old, oldSockets);
    this.version = version;
    const server = this.createServer();
    await this.bind(server);
    this.server = server;
  }

  /** Graceful stop for good (profile switch, shutdown): in-flight answers first. */
  async stop(): Promise<void> {
    const server = this.server;
    this.server = undefined;
    if (server) this.retire(server, this.sockets);
    await Promise.all(this.retiring);
  }

  view(): DemoEnvironmentView {
    return { name: this.name, version: `v${this.version}`, label: this.labelOf(this.version), running: this.server !== undefined, port: this.port, faults: { ...this.faults }, requests: this.requests };
  }

  private labelOf(version: number): string {
    return `v${version} ${this.name.charAt(0).toUpperCase()}${this.name.slice(1)}`;
  }

  private retire(server: http.Server, sockets: WebSocketServer): void {
    for (const client of sockets.clients) {
      client.close(1012, 'service restart');
      setTimeout(() => client.terminate(), WS_CLOSE_GRACE_MS).unref();
    }
    const done = closeServer(server).finally(() => this.retiring.delete(done));
    this.retiring.add(done);
  }

  private async bind(server: http.Server): Promise<number> {
    for (let attempt = 1; ; attempt++) {
      try {
        return await listenOn(server, '127.0.0.1', this.port);
      } catch (error) {
        if (this.port === 0 || attempt >= REBIND_ATTEMPTS || !/already in use/.test((error as Error).message)) throw error;
        await new Promise((resolve) => setTimeout(resolve, REBIND_DELAY_MS));
      }
    }
  }

  private createServer(): http.Server {
    // The version and socket set this listener serves: a restart gives the next one its own,
    // while requests still in flight on the old one answer as the old version.
    const version = this.version;
    const sockets = this.sockets;
    const server = http.createServer((req, res) => this.answer(req, res, version));
    server.on('upgrade', (req: http.IncomingMessage, socket: Duplex, head: Buffer) => {
      if (!req.url?.startsWith('/ws')) {
        socket.destroy();
        return;
      }
      sockets.handleUpgrade(req, socket, head, (client) => this.greet(client, version));
    });
    return server;
  }

  private greet(client: WebSocket, version: number): void {
    const who = `v${version} ${this.name}`;
    const hello = (): void => client.send(`hello from ${who}`);
    hello();
    const timer = setInterval(hello, HELLO_INTERVAL_MS);
    client.on('message', (data) => client.send(`echo from ${who}: ${String(data)}`));
    client.on('close', () => clearInterval(timer));
    client.on('error', () => clearInterval(timer));
  }

  private answer(req: http.IncomingMessage, res: http.ServerResponse, version: number): void {
    const probe = req.headers['user-agent']?.startsWith('turnout-health') === true;
    if (!probe) this.requests++;
    // Read now: a fault changed while this request waits applies to the next one. Probes
    // get the latency (a slow app is slow for them too, and past their timeout it is down)
    // but not the errors: the error share stays what was asked, for passive health and
    // error-rate charts to react to, instead of probes flapping the environment.
    const { latencyMs } = this.faults;
    const errorPercent = probe ? 0 : this.faults.errorPercent;
    const label = this.labelOf(version);
    const respond = (): void => {
      if (res.destroyed) return;
      if (errorPercent > 0 && Math.random() * 100 < errorPercent) {
        res.writeHead(500, { 'content-type': 'application/json' });
        res.end(JSON.stringify({ error: `injected error (${errorPercent} %)`, label }));
      } else if (req.url?.startsWith('/api')) {
        res.writeHead(200, { 'content-type': 'application/json', 'cache-control': 'no-store' });
        res.end(JSON.stringify({ environment: this.name, version: `v${version}`, label, color: this.color }));
      } else if (req.url === '/favicon.ico') {
        res.writeHead(204).end();
      } else {
        res.writeHead(200, { 'content-type': 'text/html; charset=utf-8', 'cache-control': 'no-store' });
        res.end(demoPage(label, this.color));
      }
    };
    if (latencyMs > 0) setTimeout(respond, latencyMs);
    else respond();
  }
}
