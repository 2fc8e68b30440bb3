import type http from 'node:http';
import http2 from 'node:http2';
import { Server as NetServer } from 'node:net';
import type { TLSSocket } from 'node:tls';
import { HAND_OVER_IDLE_MS } from './listen';
import { loadTlsFiles, type TlsFiles } from './tls-files';

/**
 * The data plane's HTTPS listener: HTTP/2 and HTTP/1.1 on one port, chosen by ALPN
 * (http2.createSecureServer with allowHTTP1, so both reach the same 'request' handler as
 * compatible request/response objects). node:http's connection tracking does not exist on
 * it, so this keeps what retiring needs: the HTTP/2 sessions (a retire sends GOAWAY: streams
 * in flight finish, the client opens a new connection for the next request) and the
 * HTTP/1.1 sockets (idle ones end; busy ones end after their response, as on plain HTTP).
 */
export class SecureFront {
  readonly server: http2.Http2SecureServer;
  private readonly sessions = new Set<http2.ServerHttp2Session>();
  private readonly h1Sockets = new Set<TLSSocket>();
  private retiring = false;

  constructor(
    private readonly files: TlsFiles,
    options: { headersTimeoutMs: number },
  ) {
    this.server = http2.createSecureServer({
      ...loadTlsFiles(files),
      allowHTTP1: true,
      // Browsers offer h2 first; curl --http1.1 and ws clients ask for http/1.1 (WebSockets ride HTTP/1.1).
      ALPNProtocols: ['h2', 'http/1.1'],
      // The TLS handshake gets the same bound as the request headers (slowloris guard).
      handshakeTimeout: options.headersTimeoutMs,
    });
    this.server.on('session', (session: http2.ServerHttp2Session) => {
      this.sessions.add(session);
      session.once('close', () => this.sessions.delete(session));
      if (this.retiring) goAway(session);
    });
    const headersTimeoutMs = options.headersTimeoutMs;
    this.server.on('secureConnection', (socket: TLSSocket) => {
      if (socket.alpnProtocol === 'h2') return;
      this.h1Sockets.add(socket);
      socket.once('close', () => this.h1Sockets.delete(socket));
      guardHeaders(socket, headersTimeoutMs);
    });
    this.server.on('request', (req: http.IncomingMessage) => {
      if (req.httpVersionMajor === 1) (req.socket as HeadersGuarded)[kHeadersDone]?.();
    });
    // An upgraded socket (a WebSocket) is the tunnel's now: never an idle HTTP/1.1 connection to end.
    this.server.on('upgrade', (req: http.IncomingMessage) => {
      (req.socket as HeadersGuarded)[kHeadersDone]?.();
      this.h1Sockets.delete(req.socket as TLSSocket);
    });
    // A client that never finishes the handshake, or speaks something else: its socket goes, quietly.
    this.server.on('tlsClientError', (_error, socket) => socket.destroy());
  }

  /** Reads the certificate files again: new connections get them, open ones keep theirs. Throws (nothing changed) on a bad pair. */
  reload(): void {
    this.server.setSecureContext({ ...loadTlsFiles(this.files), ALPNProtocols: ['h2', 'http/1.1'] } as Parameters<http2.Http2SecureServer['setSecureContext']>[0]);
  }

  /**
   * Winds connections down: HTTP/2 sessions get GOAWAY (and so does any new one), HTTP/1.1
   * requests answer with `Connection: close` and their socket ends, idle HTTP/1.1 sockets end
   * now and every 100 ms (or, closeIdle false, after `idleAfterMs`). Returns the undo.
   */
  retire(closeIdle: boolean, idleAfterMs: number): () => void {
    this.retiring = true;
    for (const session of this.sessions) goAway(session);
    const lastCall = (req: http.IncomingMessage, res: http.ServerResponse): void => {
      if (req.httpVersionMajor !== 1) return;
      if (!res.headersSent) res.setHeader('connection', 'close');
      res.once('finish', () => req.socket.end());
    };
    this.server.on('request', lastCall);
    const sweep = closeIdle ? setInterval(() => this.endIdle(), 100) : undefined;
    if (closeIdle) this.endIdle();
    const later = closeIdle ? undefined : setTimeout(() => this.endIdle(), idleAfterMs);
    return () => {
      this.retiring = false;
      clearInterval(sweep);
      clearTimeout(later);
      this.server.off('request', lastCall);
    };
  }

  /**
   * Stops accepting and resolves once every connection has ended (closeServer's semantics
   * for plain HTTP, listen.ts): sessions get GOAWAY, idle sockets end. net.Server's close,
   * because the HTTP/2 server's own would reach for node:http's tracking it does not have.
   */
  close(options: { closeIdle?: boolean } = {}): Promise<void> {
    if (!this.server.listening) return Promise.resolve();
    return new Promise((resolve) => {
      const undo = this.retire(options.closeIdle !== false, HAND_OVER_IDLE_MS);
      NetServer.prototype.close.call(this.server, () => {
        undo();
        resolve();
      });
    });
  }

  /** HTTP/1.1 sockets between requests: node:http marks the one being answered with _httpMessage. */
  private endIdle(): void {
    for (const socket of this.h1Sockets) if (!(socket as TLSSocket & { _httpMessage?: unknown })._httpMessage) socket.end();
  }
}

/**
 * The slowloris guard node:http gives plain HTTP (headersTimeout), which its HTTP/1.1 on an
 * HTTP/2 server lacks: from the first byte of a request, its headers get `ms`. The 'request'
 * event (headers complete) clears it through kHeadersDone; while a response is being sent
 * (node:http's _httpMessage) bytes are that request's body. Idle kept-alive connections are
 * left to the keep-alive and idle timeouts.
 */
function guardHeaders(socket: TLSSocket, ms: number): void {
  let timer: NodeJS.Timeout | undefined;
  const busy = (): boolean => (socket as TLSSocket & { _httpMessage?: unknown })._httpMessage != null;
  socket.on('data', () => {
    if (timer !== undefined || busy()) return;
    timer = setTimeout(() => {
      timer = undefined;
      if (!busy()) socket.destroy();
    }, ms);
  });
  socket.on('close', () => clearTimeout(timer));
  (socket as HeadersGuarded)[kHeadersDone] = () => {
    clearTimeout(timer);
    timer = undefined;
  };
}

const kHeadersDone = Symbol('turnout.headersDone');
type HeadersGuarded = TLSSocket & { [kHeadersDone]?: () => void };

/**
 * close() sends GOAWAY (NO_ERROR): streams already open finish, the client opens a new
 * connection for its next request, and the session ends once its streams have.
 */
function goAway(session: http2.ServerHttp2Session): void {
  if (!session.closed && !session.destroyed) session.close();
}
