import type { IncomingMessage, Server, ServerResponse } from 'node:http';
import { Server as NetServer } from 'node:net';

export class ListenError extends Error {
  override name = 'ListenError';
}

/** Listens and resolves with the bound port; "address in use" becomes a one-line error. */
export function listenOn(server: NetServer, host: string, port: number): Promise<number> {
  return new Promise((resolve, reject) => {
    const onError = (error: NodeJS.ErrnoException): void => {
      server.off('listening', onListening);
      const where = `${host.includes(':') ? `[${host}]` : host}:${port}`;
      if (error.code === 'EADDRINUSE') reject(new ListenError(`${where} is already in use: stop what holds it or pick another port`));
      else if (error.code === 'EACCES') reject(new ListenError(`${where} needs privileges: pick a port above 1023`));
      else if (error.code === 'EADDRNOTAVAIL' || error.code === 'ENOTFOUND') reject(new ListenError(`${host} is not an address of this machine`));
      else reject(new ListenError(`cannot listen on ${where}: ${error.message}`));
    };
    const onListening = (): void => {
      server.off('error', onError);
      const address = server.address();
      resolve(typeof address === 'object' && address ? address.port : port);
    };
    server.once('error', onError);
    server.once('listening', onListening);
    server.listen(port, host);
  });
}

export interface RetireOptions {
  /**
   * Close idle keep-alive connections now and every 100 ms (default), so the old listener is
   * really gone; or (false) let each end after its next response, or idle ones after
   * HAND_OVER_IDLE_MS, so no client races a request onto a connection being closed the
   * moment the address changes hands: for a hand-over on the same address, where a new
   * listener is already there to take the reconnect.
   */
  closeIdle?: boolean;
}

/**
 * How long a hand-over leaves idle kept-alive connections to the old listener before
 * closing them: Node's own keep-alive timeout, which ended them before the client side's
 * became a setting (proxy.clientKeepAliveTimeoutMs, 75 s by default). Waiting that long
 * would keep a retired plane, and its worker processes, alive for over a minute.
 */
export const HAND_OVER_IDLE_MS = 5_000;

/**
 * Stops accepting, lets in-flight requests finish, and closes keep-alive sockets as soon as
 * they are idle: otherwise a client reusing its connection would go on being served by a
 * listener that is meant to be gone (e.g. the old profile after a switch).
 */
export function closeServer(server: Server, options: RetireOptions = {}): Promise<void> {
  if (!server.listening) return Promise.resolve();
  return new Promise((resolve) => {
    const stopRetiring = retireConnections(server, options);
    const done = (): void => {
      stopRetiring();
      resolve();
    };
    // http.Server's close() also closes idle keep-alive connections; net.Server's only stops accepting.
    if (options.closeIdle === false) NetServer.prototype.close.call(server, done);
    else server.close(done);
  });
}

/**
 * Winds down the connections a server holds without touching its listener (a proxy worker
 * has none: the primary accepts for it): a request on a kept-alive connection gets its
 * answer, then the connection ends; idle ones close now and every 100 ms unless
 * `closeIdle` is false. Returns the undo.
 */
export function retireConnections(server: Server, options: RetireOptions = {}): () => void {
  const lastCall = (req: IncomingMessage, res: ServerResponse): void => {
    if (!res.headersSent) res.setHeader('connection', 'close');
    res.once('finish', () => req.socket.end());
  };
  server.on('request', lastCall);
  const closeIdle = options.closeIdle !== false;
  const sweep = closeIdle ? setInterval(() => server.closeIdleConnections(), 100) : undefined;
  if (closeIdle) server.closeIdleConnections();
  // Once idle ones are closed, the rest end after their response (lastCall): nothing lingers.
  const later = closeIdle ? undefined : setTimeout(() => server.closeIdleConnections(), HAND_OVER_IDLE_MS);
  return () => {
    clearInterval(sweep);
    clearTimeout(later);
    server.off('request', lastCall);
  };
}
