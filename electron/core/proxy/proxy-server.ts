import type http from 'node:http';
import type { Socket } from 'node:net';
import type { RoutingMethod } from '../../../shared/domain/profile';
import type { ProxySettings } from '../../../shared/domain/health-settings';
import { Router } from '../balancer/router';
import { MetricsRecorder } from '../metrics/metrics-recorder';
import { closeServer, HAND_OVER_IDLE_MS, listenOn, retireConnections, type RetireOptions } from '../net/listen';
import type { SecureFront } from '../net/secure-front';
import type { TlsFiles } from '../net/tls-files';
import { serveRequest, type Exchange, type ExchangeContext, type PassiveHealth } from './exchange';
import { createFrontServer } from './front-server';
import { HttpForwarder, type Upstream } from './http-forwarder';
import { RequestGate, type GateSettings, type HeldSummary } from './request-gate';
import { PROXY_DEFAULTS } from './upstream-agents';
import type { TrafficServer } from '../traffic-server';
import type { RecordSink } from '../inspect/raw-record';
import { ShadowSampler } from '../inspect/shadow-sampler';
import type { ShadowSampling } from '../../../shared/contract/workers';
import { tunnelWebSocket, type WebSocketTunnel } from './websocket-tunnel';

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
  /** Traffic that needs affinity was seen under round robin (a worker tells the primary). */
  onAffinity?: (reason: string) => void;
  /** HTTPS with HTTP/2 and HTTP/1.1 (net/secure-front.ts) from these files; plain HTTP without. */
  tls?: TlsFiles;
  /** Where request records go while the profile's inspect settings have recording on. */
  records?: RecordSink;
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
  recorder: RecordSink | undefined;
  bodyLimit = 0;
  /** A running shadow's sampling (the primary's Shadow sets it, or the pool through a worker's message). */
  readonly shadowSampler = new ShadowSampler();
  private readonly records: RecordSink | undefined;
  readonly tunnels = new Set<WebSocketTunnel>();
  readonly exchanges = new Set<Exchange>();
  private readonly server: http.Server;
  /** The TLS listener's own connection bookkeeping, when it serves HTTPS (then `server` is its Http2SecureServer). */
  private readonly secure: SecureFront | undefined;
  private environments = new Map<string, ProxyEnvironment>();
  private readonly onLiveChange: () => void;
  private readonly onAffinity: ((reason: string) => void) | undefined;
  /** Where listen() bound: resume() listens there again. */
  private bound: { host: string; port: number } | undefined;
  /** While paused: the old listener's connections finishing (closeServer). */
  private draining: Promise<void> | undefined;
  private isPaused = false;
  /** Set only while paused in `hold` or `stop` mode: then every request and upgrade goes through it. */
  private gate: RequestGate | undefined;
  private tracking = false;
  private routing: RoutingMethod = 'round-robin';
  /** Why this traffic needs affinity, once seen under round robin (reset by a routing change). */
  affinityHint: string | null = null;

  constructor(options: ProxyServerOptions = {}) {
    this.health = options.health ?? ALWAYS_UP;
    this.metrics = options.metrics ?? new MetricsRecorder();
    this.onLiveChange = options.onLiveChange ?? (() => undefined);
    this.onAffinity = options.onAffinity;
    this.records = options.records;
    this.router = new Router(this.health);
    // Unpaused, the hot path pays one check for the gate (a hold or stop, request-gate.ts).
    const front = createFrontServer(options.tls, options.headersTimeoutMs ?? 30_000, {
      request: (req, res) => (this.gate ? this.gate.request(req, res) : serveRequest(this, req, res)),
      upgrade: (req, socket, head) => (this.gate ? this.gate.upgrade(req, socket, head) : tunnelWebSocket(this, req, socket, head)),
    });
    this.server = front.server;
    this.secure = front.secure;
  }

  /** The certificate files changed: new connections get the new pair, open ones keep theirs. Throws (nothing changed) on a bad pair. */
  reloadTls(): void {
    this.secure?.reload();
  }

  /** A full configuration, or (shorthand) environments routed round robin with default settings. */
  configure(input: ProxyConfig | readonly ProxyEnvironment[]): void {
    const config: ProxyConfig = isConfig(input) ? input : { routing: 'round-robin', settings: PROXY_DEFAULTS, environments: input };
    this.environments = new Map(config.environments.map((env) => [env.name, { ...env }]));
    this.metrics.retain(config.environments.map((env) => env.name));
    if (config.routing !== this.routing) this.affinityHint = null;
    this.routing = config.routing;
    this.router.configure(config.routing, config.environments);
    this.servedByHeader = config.settings.servedByHeader;
    const inspect = config.settings.inspect;
    this.recorder = inspect.enabled ? this.records : undefined;
    this.bodyLimit = inspect.bodies ? inspect.bodyLimitBytes : 0;
    this.forwarder.configure(config.settings);
    this.forwarder.retain(config.environments.map((env) => env.url));
    this.server.setTimeout(config.settings.idleTimeoutMs);
    this.server.keepAliveTimeout = config.settings.clientKeepAliveTimeoutMs;
  }

  sampleShadow(sampling: ShadowSampling | null): void {
    this.shadowSampler.configure(sampling);
  }

  environment(name: string): ProxyEnvironment | undefined {
    return this.environments.get(name);
  }

  liveChanged(): void {
    this.onLiveChange();
  }

  get watchingAffinity(): boolean {
    return this.affinityHint === null && this.routing === 'round-robin';
  }

  affinitySeen(reason: string): void {
    this.affinityHint = reason;
    this.onAffinity?.(reason);
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
    if (!this.tracking && !this.secure) {
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
    for (const tunnel of this.tunnels) tunnel.goAway();
    if (this.secure) return this.secure.retire(options.closeIdle !== false, HAND_OVER_IDLE_MS);
    return retireConnections(this.server, options);
  }

  /**
   * Stops accepting at once, with close() semantics: in-flight requests finish in the
   * background, idle keep-alive connections close, WebSockets are closed. resume() undoes it.
   */
  pause(options: RetireOptions = {}): void {
    if (this.isPaused || !this.server.listening) return;
    this.isPaused = true;
    this.draining = this.secure ? this.secure.close(options) : closeServer(this.server, options);
    for (const tunnel of this.tunnels) tunnel.goAway();
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
   * Pauses in `hold` or `stop` mode (the listener stays open; requests wait or get the
   * maintenance answer, request-gate.ts), changes that pause, or (null) resumes: the held
   * requests go on in arrival order.
   */
  hold(settings: GateSettings | null): void {
    const gate = this.gate;
    if (settings === null) {
      this.gate = undefined;
      gate?.release();
    } else if (gate) gate.update(settings);
    else
      this.gate = new RequestGate(settings, {
        serve: (req, res) => serveRequest(this, req, res),
        tunnel: (req, socket, head) => tunnelWebSocket(this, req, socket, head),
        idleTimeoutMs: () => this.server.timeout,
        changed: () => this.onLiveChange(),
      });
  }

  /** Turnout stops: held requests would keep the listener from ever finishing its close, so they are told to come back (503). */
  answerHeld(): void {
    this.gate?.shutdown();
    this.gate = undefined;
  }

  /** What a hold keeps waiting now. */
  get held(): HeldSummary {
    return this.gate?.summary ?? { count: 0, oldestSince: null };
  }

  /**
   * An update drain's grace ended: the environment's WebSockets get a close frame 1001 Going
   * Away and its event streams end after the event in progress. Their clients reconnect and
   * land where the ratio (and the re-pinned sticky cookie) sends them now. Returns how many.
   */
  endConnections(name: string): number {
    let ended = 0;
    for (const tunnel of this.tunnels) {
      if (tunnel.environment !== name) continue;
      tunnel.goAway();
      ended++;
    }
    for (const exchange of this.exchanges) {
      if (exchange.environment !== name) continue;
      exchange.endStream();
      ended++;
    }
    return ended;
  }

  /** An update drain's deadline: requests still in flight on the environment are cut. */
  cutInFlight(name: string): void {
    for (const exchange of this.exchanges) if (exchange.environment === name) exchange.cut();
  }

  /** The environment is drained for an update (it may restart): its idle upstream connections close now. */
  releaseIdle(name: string): void {
    const env = this.environments.get(name);
    if (env) this.forwarder.release(env.url);
  }

  /** Sticky cookies naming these environments are no longer honoured (an update drain's session window ended). */
  closeSessions(names: readonly string[]): void {
    this.router.closeSessions(names);
  }

  /** Stops accepting; in-flight requests finish, WebSockets (which may live for hours) are closed with 1001 Going Away. */
  async close(): Promise<void> {
    this.answerHeld();
    const closing = this.secure ? this.secure.close() : closeServer(this.server);
    for (const tunnel of this.tunnels) tunnel.goAway();
    await Promise.all([closing, this.draining]);
    this.forwarder.close();
  }
}

function isConfig(input: ProxyConfig | readonly ProxyEnvironment[]): input is ProxyConfig {
  return !Array.isArray(input);
}
