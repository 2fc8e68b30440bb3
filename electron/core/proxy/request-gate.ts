import type http from 'node:http';
import { Socket } from 'node:net';
import type { Duplex } from 'node:stream';
import { HOLD_RETRY_AFTER_S, sendPauseAnswer, sendPauseUpgradeAnswer, STOP_RETRY_AFTER_S } from './pause-answers';

/** What a ProxyServer hands the gate while paused in `hold` or `stop` mode. */
export interface GateSettings {
  mode: 'hold' | 'stop';
  timeoutMs: number;
  message: string;
}

/** How many wait now, and since when the longest-waiting one has (epoch ms, null when none). */
export interface HeldSummary {
  count: number;
  oldestSince: number | null;
}

/**
 * The bound on what a hold keeps. A held request costs its parsed headers plus at most one
 * read buffer of body (node:http stops reading the socket when the unread body passes the
 * stream's high-water mark, so TCP pushes back on the client): some tens of MB at most.
 */
export const MAX_HELD = 1000;

interface Held {
  at: number;
  req: http.IncomingMessage;
  /** A request has a response; an upgrade has its socket and the bytes read past its headers. */
  res?: http.ServerResponse;
  socket?: Duplex;
  head?: Buffer;
  forget: () => void;
}

export interface GateTargets {
  serve(req: http.IncomingMessage, res: http.ServerResponse): void;
  tunnel(req: http.IncomingMessage, socket: Duplex, head: Buffer): void;
  /** The server's idle timeout, put back on a socket once its request leaves the gate. */
  idleTimeoutMs(): number;
  /** The held count changed (gauges, the panel). */
  changed(): void;
}

/**
 * While the proxy is paused in `hold` or `stop` mode, every new request and WebSocket
 * upgrade comes here instead of being routed (proxy-server.ts looks at it only when set, so
 * an unpaused proxy pays one check). Hold keeps them in arrival order (a Set iterates in
 * insertion order and forgets a client that left in O(1)) until release(), which routes
 * them as the ratio says at that moment; one timer, armed for the oldest, answers 503 +
 * Retry-After to whoever waited past the timeout. Stop answers at once with the maintenance page.
 */
export class RequestGate {
  private readonly held = new Set<Held>();
  private timer: NodeJS.Timeout | undefined;

  constructor(
    private settings: GateSettings,
    private readonly targets: GateTargets,
  ) {}

  get summary(): HeldSummary {
    const oldest = this.held.values().next().value;
    return { count: this.held.size, oldestSince: oldest ? oldest.at : null };
  }

  /** A new pause on a paused proxy (hold → stop answers everyone held; a new timeout re-arms). */
  update(settings: GateSettings): void {
    this.settings = settings;
    if (settings.mode === 'stop') for (const entry of [...this.held]) this.answer(entry, 'maintenance');
    this.arm();
  }

  request(req: http.IncomingMessage, res: http.ServerResponse): void {
    if (this.settings.mode === 'stop') return sendPauseAnswer(req, res, 'maintenance', this.settings.message, STOP_RETRY_AFTER_S);
    if (this.held.size >= MAX_HELD) return sendPauseAnswer(req, res, 'hold-full', this.settings.message, HOLD_RETRY_AFTER_S);
    const entry: Held = { at: Date.now(), req, res, forget: () => this.forget(entry) };
    // A client that gives up while waiting is forgotten at once: it costs nothing after.
    res.once('close', entry.forget);
    this.keep(entry, req.socket);
  }

  upgrade(req: http.IncomingMessage, socket: Duplex, head: Buffer): void {
    if (this.settings.mode === 'stop') return sendPauseUpgradeAnswer(socket, 'maintenance', this.settings.message, STOP_RETRY_AFTER_S);
    if (this.held.size >= MAX_HELD) return sendPauseUpgradeAnswer(socket, 'hold-full', this.settings.message, HOLD_RETRY_AFTER_S);
    const entry: Held = { at: Date.now(), req, socket, head, forget: () => this.forget(entry) };
    socket.once('close', entry.forget);
    this.keep(entry, socket);
  }

  /** Resume: everyone held goes on, in arrival order, routed as the ratio says now. */
  release(): void {
    this.stopTimer();
    const entries = [...this.held];
    this.held.clear();
    for (const entry of entries) {
      this.detach(entry);
      if (entry.res) this.targets.serve(entry.req, entry.res);
      else this.targets.tunnel(entry.req, entry.socket!, entry.head!);
    }
    if (entries.length > 0) this.targets.changed();
  }

  /** The proxy is closing (Turnout quits): whoever waits is told to come back, not left hanging. */
  shutdown(): void {
    for (const entry of [...this.held]) this.answer(entry, 'hold-timeout');
    this.stopTimer();
  }

  private keep(entry: Held, socket: Duplex): void {
    // The connection's idle timeout must not cut a request that waits on purpose.
    setIdleTimeout(socket, 0);
    this.held.add(entry);
    if (this.held.size === 1) this.arm();
    this.targets.changed();
  }

  private forget(entry: Held): void {
    if (!this.held.delete(entry)) return;
    this.targets.changed();
    this.arm();
  }

  private detach(entry: Held): void {
    if (entry.res) entry.res.off('close', entry.forget);
    else entry.socket!.off('close', entry.forget);
    const socket = entry.res ? entry.req.socket : entry.socket!;
    setIdleTimeout(socket, this.targets.idleTimeoutMs());
  }

  private answer(entry: Held, kind: 'maintenance' | 'hold-timeout'): void {
    this.held.delete(entry);
    this.detach(entry);
    const retryAfter = kind === 'maintenance' ? STOP_RETRY_AFTER_S : HOLD_RETRY_AFTER_S;
    const message = kind === 'maintenance' ? this.settings.message : `held for ${Math.round((Date.now() - entry.at) / 100) / 10} s while Turnout is paused; try again`;
    if (entry.res) sendPauseAnswer(entry.req, entry.res, kind, message, retryAfter);
    else sendPauseUpgradeAnswer(entry.socket!, kind, message, retryAfter);
    this.targets.changed();
  }

  /** One timer for the oldest: arrival order is deadline order, since all share one timeout. */
  private arm(): void {
    this.stopTimer();
    const oldest = this.held.values().next().value;
    if (!oldest || this.settings.mode !== 'hold') return;
    this.timer = setTimeout(() => this.expire(), Math.max(0, oldest.at + this.settings.timeoutMs - Date.now()));
  }

  private expire(): void {
    this.timer = undefined;
    const now = Date.now();
    for (const entry of this.held) {
      if (entry.at + this.settings.timeoutMs > now) break;
      this.answer(entry, 'hold-timeout');
    }
    this.arm();
  }

  private stopTimer(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = undefined;
  }
}

/** A client socket is a net.Socket (or a TLS one); the type says only Duplex. */
function setIdleTimeout(socket: Duplex, ms: number): void {
  if (socket instanceof Socket) socket.setTimeout(ms);
}
