import type { MetricsSample } from '../../shared/contract/metrics';
import type { EnvironmentStatus } from '../../shared/contract/state';
import { resolveConfig, type DataPlaneConfig, type DataPlaneEnvironment, type ResolvedConfig } from './data-plane-config';
import { DrainWatch } from './drain-watch';
import { HealthMonitor, type HealthChange, type Scheduler } from './health/health-monitor';
import { MetricsRecorder } from './metrics/metrics-recorder';
import { meterExposition, prometheusText } from './metrics/prometheus';
import type { RetireOptions } from './net/listen';
import { loadTlsFiles, type TlsFiles } from './net/tls-files';
import { ProxyServer } from './proxy/proxy-server';
import type { GateSettings, HeldSummary } from './proxy/request-gate';
import type { TrafficServer } from './traffic-server';
import { WorkerPool } from './workers/worker-pool';
import { Inspector } from './inspect/inspector';

/** What the control service reads of one environment's live traffic (defined with the state views read). */
export type { EnvironmentStatus };

/**
 * An update drain of one environment, step by step (the flow's runner calls them in order;
 * docs/update-flow.md): `begin` (weight is already 0; sticky clients stay for the session
 * window), `close-sessions` (sticky cookies naming it are re-pinned elsewhere), `end-connections`
 * (WebSockets get 1001 Going Away, event streams end cleanly), `cut` (the deadline: what is
 * still in flight is cut), `release` (drained: idle upstream connections close, so the app
 * can restart without Turnout holding sockets to it), `updated` (the update is done and verify
 * begins: nothing to do here, but an attached HAProxy takes its server out of maint so its own
 * checks can verify it, still at weight 0). It ends when the environment gets weight again.
 */
export type UpdateDrainStep = 'begin' | 'close-sessions' | 'end-connections' | 'cut' | 'release' | 'updated';

export interface DataPlaneOptions {
  /** Slowloris guard for client request headers (default 30 s). */
  headersTimeoutMs?: number;
  /** Health probe timers (tests may inject their own). */
  scheduler?: Scheduler;
  /** Proxy worker processes (default 1: the proxy runs in this process; workers/worker-pool.ts). */
  workers?: number;
  /** HTTPS (HTTP/2 + HTTP/1.1 by ALPN) from these certificate files; plain HTTP without. */
  tls?: TlsFiles;
}

/**
 * The seam between the control plane and the data plane: the control service hands it a
 * profile's routing, proxy settings and environments (with real URLs) and reads live status,
 * health changes and metrics back. Everything below it (proxy, balancing, health, metrics)
 * can change without touching the control service.
 */
export class DataPlane {
  private readonly proxy: TrafficServer;
  private readonly health: HealthMonitor;
  private readonly metricsRecorder = new MetricsRecorder();
  /** Request records (inspect/): the proxy, or each worker's batches, hand them over here. */
  readonly inspector = new Inspector();
  private readonly healthListeners = new Set<(change: HealthChange) => void>();
  private readonly drains = new DrainWatch((name) => this.isDrained(name));
  /** Environments in an update drain, and whether their sticky sessions are closed yet. */
  private readonly updateDrains = new Map<string, { sessionsClosed: boolean }>();
  private config: ResolvedConfig = resolveConfig([]);
  private url = '';
  private readonly tlsFiles: TlsFiles | undefined;

  constructor(
    private readonly onLiveChange: () => void = () => undefined,
    options: DataPlaneOptions = {},
  ) {
    this.health = new HealthMonitor((change) => this.healthChanged(change), options.scheduler);
    const shared = {
      health: this.health,
      metrics: this.metricsRecorder,
      records: this.inspector,
      headersTimeoutMs: options.headersTimeoutMs,
      tls: options.tls,
      onLiveChange: () => {
        this.drains.check();
        this.onLiveChange();
      },
    };
    this.tlsFiles = options.tls;
    this.proxy = (options.workers ?? 1) > 1 ? new WorkerPool({ ...shared, workers: options.workers! }) : new ProxyServer(shared);
    this.inspector.shadow.onSampling((sampling) => this.proxy.sampleShadow(sampling));
  }

  /** Applies the configuration and starts listening; resolves with the proxy's URL. */
  async start(host: string, port: number, config: DataPlaneConfig | readonly DataPlaneEnvironment[]): Promise<string> {
    await this.prepare(config);
    return this.listen(host, port);
  }

  /**
   * Applies the configuration and gets everything ready to serve (proxy workers started)
   * without binding: a profile switch on the same address binds only once the old listener
   * has let go (control/live-slot.ts).
   */
  async prepare(config: DataPlaneConfig | readonly DataPlaneEnvironment[]): Promise<void> {
    this.apply(config);
    await this.proxy.prepare?.();
  }

  /** Binds the listener of a prepared plane; resolves with the proxy's URL. */
  async listen(host: string, port: number): Promise<string> {
    const bound = await this.proxy.listen(host, port);
    this.metricsRecorder.start(1000, this.proxy.collectMetrics?.bind(this.proxy));
    this.url = `${this.tlsFiles ? 'https' : 'http'}://${host.includes(':') ? `[${host}]` : host}:${bound}`;
    return this.url;
  }

  /**
   * Swaps routing, weights, settings and environments in place: effective for the next
   * request, no connection closed. Unchanged environments keep their health and counters.
   */
  apply(config: DataPlaneConfig | readonly DataPlaneEnvironment[]): void {
    this.config = resolveConfig(config);
    const { environments } = this.config;
    // An environment that takes traffic again (or is gone) is out of its update drain.
    const before = this.updateDrains.size;
    for (const name of this.updateDrains.keys()) {
      const env = environments.find((candidate) => candidate.name === name);
      if (!env || env.weight > 0) this.updateDrains.delete(name);
    }
    if (this.updateDrains.size !== before) this.syncSessions();
    this.inspector.configure(this.config.proxy.inspect);
    this.proxy.configure({ routing: this.config.routing, settings: this.config.proxy, environments });
    this.health.configure(environments.map((env) => ({ name: env.name, url: env.url, check: env.health, allowSelfSigned: env.allowSelfSigned })));
    // Reconfiguring can drop an environment from the down set without a transition.
    this.proxy.healthChanged?.();
    this.drains.check();
  }

  status(name: string): EnvironmentStatus {
    const counters = this.proxy.countersFor(name);
    const meter = this.metricsRecorder.has(name) ? this.metricsRecorder.meter(name) : undefined;
    return {
      health: this.health.health(name),
      lastProbe: this.health.lastProbe(name),
      inFlight: counters.inFlight,
      openWebSockets: meter?.openWebSockets ?? 0,
      openStreams: meter?.openStreams ?? 0,
      requests: counters.requests,
      drained: this.isDrained(name),
    };
  }

  /** One step of an update drain (UpdateDrainStep); returns how many connections `end-connections` ended. */
  updateDrain(name: string, step: UpdateDrainStep): number {
    switch (step) {
      case 'begin':
        this.updateDrains.set(name, { sessionsClosed: false });
        this.syncSessions();
        break;
      case 'close-sessions': {
        const drain = this.updateDrains.get(name);
        if (drain) drain.sessionsClosed = true;
        this.syncSessions();
        break;
      }
      case 'end-connections':
        return this.proxy.endConnections(name);
      case 'cut':
        this.proxy.cutInFlight(name);
        break;
      case 'release':
        this.proxy.releaseIdle(name);
        break;
    }
    this.drains.check();
    return 0;
  }

  /** The certificate files changed: checked here (a bad pair throws, naming the file; nothing changes), then new connections get them. */
  reloadTls(): void {
    if (!this.tlsFiles) return;
    loadTlsFiles(this.tlsFiles);
    this.proxy.reloadTls?.();
  }

  /** Health transitions (probe or passive), for publishing state and recording history. */
  onHealthChange(listener: (change: HealthChange) => void): () => void {
    this.healthListeners.add(listener);
    return () => this.healthListeners.delete(listener);
  }

  /** Resolves once `name` has weight 0 and nothing in flight or open: safe to update. */
  whenDrained(name: string, signal?: AbortSignal): Promise<void> {
    return this.drains.wait(name, signal);
  }

  /** The last closed second, or null before the first. */
  metrics(): MetricsSample | null {
    return this.metricsRecorder.latest();
  }

  /** Up to METRICS_HISTORY_SECONDS one-second samples, oldest first. */
  metricsSeries(): MetricsSample[] {
    return this.metricsRecorder.series();
  }

  /** Called once a second with the new sample (to push to views). */
  onMetrics(listener: (sample: MetricsSample) => void): () => void {
    return this.metricsRecorder.onSample(listener);
  }

  /** Prometheus text exposition of every environment (see metrics/prometheus.ts). */
  prometheus(): string {
    return prometheusText(this.config.environments.map((env) => meterExposition(env, this.health.health(env.name), this.metricsRecorder.meter(env.name))));
  }

  get listening(): boolean {
    return this.proxy.listening;
  }

  /** Why the traffic needs affinity, once seen under round robin: views offer sticky routing. */
  get affinityHint(): string | null {
    return this.proxy.affinityHint;
  }

  /**
   * Stops accepting (in-flight requests finish); health checks and metrics go on.
   * `closeIdle: false` when another plane takes over the address (net/listen.ts).
   */
  pause(options: RetireOptions = {}): void {
    this.proxy.pause(options);
    this.onLiveChange();
  }

  /** Listens again on the same address; rejects (still paused) if it was taken meanwhile. */
  async resume(): Promise<void> {
    await this.proxy.resume();
    this.onLiveChange();
  }

  get paused(): boolean {
    return this.proxy.paused;
  }

  /**
   * Pauses with the listener open: `hold` keeps new requests waiting, `stop` answers them
   * with the maintenance page; null resumes (held requests go on in arrival order).
   */
  hold(settings: GateSettings | null): void {
    this.proxy.hold(settings);
    this.onLiveChange();
  }

  get held(): HeldSummary {
    return this.proxy.held;
  }

  /** The proxy worker processes' ids; empty when the proxy runs in this process. */
  get workerPids(): number[] {
    return this.proxy instanceof WorkerPool ? this.proxy.pids : [];
  }

  get proxyUrl(): string {
    return this.url;
  }

  async stop(): Promise<void> {
    this.metricsRecorder.stop();
    this.health.stop();
    this.inspector.stop();
    this.drains.cancelAll();
    await this.proxy.close();
  }

  /**
   * Weight 0, nothing in flight, no WebSocket open; in an update drain with sticky routing
   * also the session window closed, since a sticky client idle this instant may come back
   * the next (nothing can be "safe to update" while it still would be routed there).
   */
  private isDrained(name: string): boolean {
    const weight = this.proxy.weightOf(name);
    if (weight !== 0) return false;
    const { inFlight } = this.proxy.countersFor(name);
    const open = this.metricsRecorder.has(name) ? this.metricsRecorder.meter(name).openWebSockets : 0;
    if (inFlight !== 0 || open !== 0) return false;
    const drain = this.updateDrains.get(name);
    return drain === undefined || drain.sessionsClosed || this.config.routing !== 'sticky';
  }

  private syncSessions(): void {
    this.proxy.closeSessions([...this.updateDrains].filter(([, drain]) => drain.sessionsClosed).map(([name]) => name));
  }

  private healthChanged(change: HealthChange): void {
    this.proxy.healthChanged?.();
    for (const listener of this.healthListeners) listener(change);
    this.onLiveChange();
  }
}
