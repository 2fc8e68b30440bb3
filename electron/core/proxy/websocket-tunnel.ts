import type http from 'node:http';
import type { Duplex } from 'node:stream';
import type { ExchangeContext } from './exchange';
import { ownResponseHeaders } from './own-headers';
import { isConnectFailure } from './upstream-errors';
import { WebSocketFrames } from './websocket-going-away';

const NO_ENVIRONMENT = 'HTTP/1.1 503 Service Unavailable\r\nconnection: close\r\ncontent-type: text/plain\r\ncontent-length: 52\r\n\r\nTurnout: every environment is down or has weight 0\r\n';

/**
 * One open WebSocket: the client's socket, the environment it was routed to, and, once the
 * environment answered 101, the framing of both directions, so it can be ended cleanly.
 */
export class WebSocketTunnel {
  private frames: WebSocketFrames | undefined;
  private leaving = false;
  private open = 2;

  /** `onClosed` runs once both sockets are closed (the environment's only if it ever answered 101). */
  constructor(
    readonly client: Duplex,
    readonly environment: string,
    private readonly onClosed: () => void,
  ) {
    client.once('close', () => this.closedOne());
  }

  /** The environment switched protocols: from here the bytes are WebSocket frames. */
  opened(upstream: Duplex): void {
    // Counted open until the environment's socket is closed too: only then has the app seen its client leave.
    upstream.once('close', () => this.closedOne());
    this.frames = new WebSocketFrames(this.client, upstream);
    if (this.leaving) this.frames.goAway();
  }

  private closedOne(): void {
    if (--this.open === 0 || (this.open === 1 && !this.frames)) {
      this.open = 0;
      this.onClosed();
    }
  }

  /**
   * Ends it as a server going down would: a close frame 1001 Going Away each way, so client
   * libraries (Socket.IO, browsers) reconnect without an error. A handshake still under way
   * is cut; it will be retried like any failed connection attempt.
   */
  goAway(): void {
    this.leaving = true;
    if (this.frames) this.frames.goAway();
  }

  destroy(): void {
    this.client.destroy();
  }
}

/**
 * A WebSocket upgrade: routed like any request (pins and sticky cookies are read, and the
 * 101 answer carries X-Served-By and, when the client is (re)pinned, the sticky cookie),
 * then tunnelled. It stays on its environment for its whole life, through any ratio change,
 * and counts as an open WebSocket there until either side closes or an update drain ends it.
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
  const tunnel = new WebSocketTunnel(socket, upstream.name, () => {
    ctx.tunnels.delete(tunnel);
    meter.openWebSockets--;
    ctx.liveChanged();
  });
  meter.openWebSockets++;
  ctx.tunnels.add(tunnel);
  ctx.liveChanged();
  const own = ownResponseHeaders(ctx, req, upstream.name);
  ctx.forwarder.ws(req, socket, head, upstream, own, (upstreamSocket) => tunnel.opened(upstreamSocket), (error) => {
    meter.errors++;
    if (isConnectFailure(error)) ctx.health.reportConnectFailure(upstream.name, error.code!);
    socket.destroy();
  });
}
