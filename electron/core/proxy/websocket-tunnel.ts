import type http from 'node:http';
import type { Duplex } from 'node:stream';
import type { ExchangeContext } from './exchange';
import { isConnectFailure } from './upstream-errors';

/** Which environment each open tunnel belongs to: a drain's grace period closes only those. */
export const tunnelEnvironment = new WeakMap<Duplex, string>();

const NO_ENVIRONMENT = 'HTTP/1.1 503 Service Unavailable\r\nconnection: close\r\ncontent-type: text/plain\r\ncontent-length: 52\r\n\r\nTurnout: every environment is down or has weight 0\r\n';

/**
 * A WebSocket upgrade: routed like any request (pins and sticky cookies are read, though a
 * 101 answer cannot set one), then tunnelled. It stays on its environment for its whole life,
 * through any ratio change, and counts as an open WebSocket there until either side closes.
 */
export function tunnelWebSocket(ctx: ExchangeContext, req: http.IncomingMessage, socket: Duplex, head: Buffer): void {
  // A client reset at any point must not become an unhandled 'error' that ends the process.
  socket.on('error', () => socket.destroy());
  const name = ctx.router.route(req);
  const upstream = name === undefined ? undefined : ctx.environment(name);
  if (!upstream) {
    socket.end(NO_ENVIRONMENT);
    return;
  }
  const meter = ctx.metrics.meter(upstream.name);
  meter.openWebSockets++;
  ctx.tunnels.add(socket);
  tunnelEnvironment.set(socket, upstream.name);
  ctx.liveChanged();
  socket.once('close', () => {
    ctx.tunnels.delete(socket);
    meter.openWebSockets--;
    ctx.liveChanged();
  });
  ctx.forwarder.ws(req, socket, head, upstream, (error) => {
    meter.errors++;
    if (isConnectFailure(error)) ctx.health.reportConnectFailure(upstream.name, error.code!);
    socket.destroy();
  });
}
