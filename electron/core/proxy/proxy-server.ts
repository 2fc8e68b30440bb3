import http from 'node:http';
import type { Socket } from 'node:net';
import type { Duplex } from 'node:stream';
import type { RoutingMethod } from '../../../shared/domain/profile';
import type { ProxySettings } from '../../../shared/domain/health-settings';
import { Router } from '../balancer/router';
import { MetricsRecorder } from '../metrics/metrics-recorder';
import { closeServer, listenOn, retireConnections, type RetireOptions } from '../net/listen';
import { answerClientError } from './client-errors';
import { serveRequest, type ExchangeContext, type PassiveHealth } from './exchange';
import { HttpForwarder, type Upstream } from './http-forwarder';
import { acceptTarget, acceptUpgradeTarget } from './request-target';
import { PROXY_DEFAULTS } from './upstream-agents';
import type { TrafficServer } from '../traffic-server';
import { tunnelEnvironment, tunnelWebSocket } from './websocket-tunnel';

export interface ProxyEnvironment extends Upstream {
  weight: number;
}

export interface ProxyConfig {
  routing: RoutingMethod;
  settings: ProxySettings;
  environments: readonly ProxyEnvironment[];
}

export interface EnvironmentCounters {
  inFlight: number;
  requests: number;
}

export interface ProxyServerOptions {
  health?: PassiveHealth;
  metrics?: MetricsRecorder;
  onLiveChange?: () => void;
  /** Slowloris guard: a client gets this long to send its request headers. */
  headersTimeoutMs?: number;
}

const ALWAYS_UP: PassiveHealth = { isUp: () => true, reportConnectFailure: () => undefined, reportResponse: () => undefined };

/**
 * The data plane's listener: one HTTP server that routes each request (serveRequest) or
 * WebSocket (tunnelWebSocket). Configuration swaps in place (`configure`), so a ratio change
 * needs no restart and closes no connection; it applies from the next request on.
 */
export class ProxyServer implements ExchangeContext, TrafficServer {
  readonly forwarder = new HttpForwarder();
  readonly health: PassiveHealth;
  readonly metrics: MetricsRecorder;
  readonly router: Router;
  servedByHeader = true;
  readonly tunnels = new Set<Duplex>();
  private readonly server: http.Server;
  private environments = new Map<string, ProxyEnvironment>();
  private readonly onLiveChange: () => void;
  /** Where listen() bound: resume() listens there again. */
  private bound: { host: string; port: number } | undefined;
  /** While paused: the old listener's connections finishing (closeServer). */
  private draining: Promise<void> | undefined;
  private isPaused = false;
  private tracking = false;

  constructor(options: ProxyServerOptions = {}) {
    this.health = options.health ?? ALWAYS_UP;
    this.metrics = options.metrics ?? new MetricsRecorder();
    this.onLiveChange = options.onLiveChange ?? (() => undefined);
    this.router = new Router(this.health);
    const headersTimeout = options.headersTimeoutMs ?? 30_000;
    this.server = http.createServer({
      headersTimeout,
      // Bodies stream for as long as they take; the idle timeout catches a stalled one.
      requestTimeout: 0,
      connectionsCheckingInterval: Math.min(1000, headersTimeout),
    });
    // The request target is made origin-form (or refused) before anything reads the URL or Host.
    this.server.on('request', (req, res) => acceptTarget(req, res) && serveRequest(this, req, res));
    this.server.on('upgrade', (req, socket, head) => acceptUpgradeTarget(req, socket) && tunnelWebSocket(this, req, socket, head));
    this.server.on('clientError', answerClientError);
  }

  /** A full configuration, or (shorthand) environments routed round robin with default settings. */
  configure(input: ProxyConfig | readonly ProxyEnvironment[]): void {
    const config: ProxyConfig = isConfig(input) ? input : { routing: 'round-robin', settings: PROXY_DEFAULTS, environments: input };
    this.environments = new Map(config.environments.map((env) => [env.name, { ...env }]));
    this.metrics.retain(config.environments.map((env) => env.name));
    this.router.configure(config.routing, config.environments);
    this.servedByHeader = config.settings.servedByHeader;
    this.forwarder.configure(config.settings);
    this.forwarder.retain(config.environments.map((env) => env.url));
    this.server.setTimeout(config.settings.idleTimeoutMs);
    this.server.keepAliveTimeout = config.settings.clientKeepAliveTimeoutMs;
  }

  environment(name: string): ProxyEnvironment | undefined {
    return this.environments.get(name);
  }

  liveChanged(): void {
    this.onLiveChange();
  }

  countersFor(name: string): EnvironmentCounters {
    if (!this.metrics.has(name)) return { inFlight: 0, requests: 0 };
    const meter = this.metrics.meter(name);
    return { inFlight: meter.inFlight, requests: meter.requests };
  }

  weightOf(name: string): number | undefined {
    return this.environments.get(name)?.weight;
  }

  get listening(): boolean {
    return this.server.listening;
  }

  async listen(host: string, port: number): Promise<number> {
    const bound = await listenOn(this.server, host, port);
    this.bound = { host, port: bound };
    return bound;
  }

  get paused(): boolean {
    return this.isPaused;
  }

  /** Serves a connection accepted elsewhere: a proxy worker's, handed over by the primary. */
  accept(socket: Socket): void {
    // node:http starts its connection tracking (headers timeout, closeIdleConnections) on
    // 'listening'; a server that is handed its connections never listens, so start it once.
    if (!this.tracking) {
      this.tracking = true;
      this.server.emit('listening');
    }
    this.server.emit('connection', socket);
  }

  /**
   * For a server that never listened (a worker): winds its connections down as pause() and
   * close() would, closing WebSockets too. Returns the undo, for resume.
   */
  retireConnections(options: RetireOptions = {}): () => void {
    for (const socket of this.tunnels) socket.destroy();
    return retireConnections(this.server, options);
  }

  /**
   * Stops accepting at once, with close() semantics: in-flight requests finish in the
   * background, idle keep-alive connections close, WebSockets are closed. resume() undoes it.
   */
  pause(options: RetireOptions = {}): void {
    if (this.isPaused || !this.server.listening) return;
    this.isPaused = true;
    this.draining = closeServer(this.server, options);
    for (const socket of this.tunnels) socket.destroy();
  }

  /** Listens again on the address listen() bound; a failure (port taken meanwhile) leaves it paused. */
  async resume(): Promise<void> {
    if (!this.isPaused || !this.bound) return;
    await this.draining;
    if (!this.isPaused) return;
    await listenOn(this.server, this.bound.host, this.bound.port);
    this.isPaused = false;
    this.draining = undefined;
  }

  /**
   * Closes the open WebSockets of one environment, returning how many. Its clients see the
   * connection end and reconnect, landing where the ratio sends new work now.
   */
  closeTunnels(name: string): number {
    let closed = 0;
    for (const socket of this.tunnels) {
      if (tunnelEnvironment.get(socket) !== name) continue;
      socket.destroy();
      closed++;
    }
    return closed;
  }

  /** Stops accepting; in-flight requests finish, WebSockets (which may live for hours) are closed. */
  async close(): Promise<void> {
    const closing = closeServer(this.server);
    for (const socket of this.tunnels) socket.destroy();
    await Promise.all([closing, this.draining]);
    this.forwarder.close();
  }
}

function isConfig(input: ProxyConfig | readonly ProxyEnvironment[]): input is ProxyConfig {
  return !Array.isArray(input);
}
