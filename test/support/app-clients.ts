import http from 'node:http';
import { io, type Socket } from 'socket.io-client';

/**
 * Node clients of the stateful app (stateful-app.ts), each recording what a user would
 * notice: Socket.IO with acknowledgements (socket.io-client, `withCredentials` so it keeps
 * Turnout's sticky cookie, and Socket.IO's own `retries` for at-least-once delivery), an
 * event-stream reader that tells a clean end from a cut one, and a session counter over HTTP.
 */

/** Just enough of a cookie jar for one client: name=value, Max-Age=0 deletes. */
export class CookieJar {
  private readonly cookies = new Map<string, string>();

  store(setCookie: string[] | undefined): void {
    for (const line of setCookie ?? []) {
      const [pair] = line.split(';');
      const at = pair!.indexOf('=');
      const name = pair!.slice(0, at).trim();
      if (/max-age=0/i.test(line)) this.cookies.delete(name);
      else this.cookies.set(name, pair!.slice(at + 1).trim());
    }
  }

  header(): string {
    return [...this.cookies].map(([name, value]) => `${name}=${value}`).join('; ');
  }

  get(name: string): string | undefined {
    return this.cookies.get(name);
  }
}

export interface SocketLog {
  hello: string[];
  acks: number;
  lostAcks: number;
  connectErrors: number;
  reconnects: number;
  disconnects: string[];
}

export function socketIoClient(url: string): { socket: Socket; log: SocketLog; stop(): void } {
  const log: SocketLog = { hello: [], acks: 0, lostAcks: 0, connectErrors: 0, reconnects: 0, disconnects: [] };
  const socket = io(url, { withCredentials: true, reconnectionDelay: 300, reconnectionDelayMax: 600, retries: 5, ackTimeout: 3000 });
  socket.on('hello', (hello: { name: string; version: string }) => log.hello.push(`${hello.name} ${hello.version}`));
  socket.on('connect_error', () => log.connectErrors++);
  socket.on('disconnect', (reason) => log.disconnects.push(reason));
  socket.io.on('reconnect', () => log.reconnects++);
  const timer = setInterval(() => {
    if (socket.connected) socket.emitWithAck('echo', Date.now()).then(() => log.acks++, () => log.lostAcks++);
  }, 200);
  return {
    socket,
    log,
    stop() {
      clearInterval(timer);
      socket.disconnect();
    },
  };
}

export interface StreamLog {
  /** Every stream's end: 'clean' (the whole chunked body arrived) or 'cut'. */
  ends: ('clean' | 'cut')[];
  versions: string[];
  failures: string[];
}

/** Reads /events over and over as EventSource would (reconnecting 300 ms after an end), with its own cookie jar. */
export function eventStreamClient(url: string): { log: StreamLog; jar: CookieJar; stop(): void } {
  const log: StreamLog = { ends: [], versions: [], failures: [] };
  const jar = new CookieJar();
  let stopped = false;
  let current: http.ClientRequest | undefined;
  const connect = (): void => {
    if (stopped) return;
    current = http.get(`${url}/events`, { headers: { cookie: jar.header(), accept: 'text/event-stream' } }, (res) => {
      jar.store(res.headers['set-cookie']);
      if (res.statusCode !== 200) log.failures.push(`status ${res.statusCode}`);
      res.setEncoding('utf8');
      res.on('data', (text: string) => {
        for (const match of text.matchAll(/"version":"([^"]+)"/g)) log.versions.push(`${res.headers['x-served-by']} ${match[1]}`);
      });
      res.on('end', () => {
        log.ends.push('clean');
        setTimeout(connect, 300);
      });
      res.on('error', () => undefined);
      res.on('aborted', () => {
        if (!stopped) log.ends.push('cut');
      });
    });
    current.on('error', (error) => {
      if (stopped) return;
      log.failures.push(error.message);
      setTimeout(connect, 300);
    });
  };
  connect();
  return {
    log,
    jar,
    stop() {
      stopped = true;
      current?.destroy();
    },
  };
}

/** A browser-like session: GET /api/session with its cookies every 150 ms; any failure is recorded. */
export function sessionClient(url: string): { views: { version: string; views: number }[]; failures: string[]; stop(): void } {
  const jar = new CookieJar();
  const views: { version: string; views: number }[] = [];
  const failures: string[] = [];
  const timer = setInterval(() => {
    fetch(`${url}/api/session`, { headers: { cookie: jar.header() } })
      .then(async (res) => {
        jar.store(res.headers.getSetCookie());
        if (res.status !== 200) failures.push(`status ${res.status}`);
        else views.push((await res.json()) as { version: string; views: number });
      })
      .catch((error: Error) => failures.push(error.message));
  }, 150);
  return { views, failures, stop: () => clearInterval(timer) };
}
