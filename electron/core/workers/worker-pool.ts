import net from 'node:net';
import type { MeterInterval, ShadowSampling, ToWorker, WorkerConfig } from '../../../shared/contract/workers';
import type { HealthMonitor } from '../health/health-monitor';
import type { MetricsRecorder } from '../metrics/metrics-recorder';
import { listenOn, type RetireOptions } from '../net/listen';
import type { TlsFiles } from '../net/tls-files';
import type { EnvironmentCounters } from '../proxy/proxy-server';
import type { GateSettings, HeldSummary } from '../proxy/request-gate';
import type { TrafficConfig, TrafficServer } from '../traffic-server';
import { heldOverWorkers, sumWorkerGauges } from './pool-gauges';
import { launchWorker } from './worker-launcher';
import { stopWorker, WorkerLink, type WorkerEvents } from './worker-link';
import type { RawRecord } from '../inspect/raw-record';

export interface WorkerPoolOptions {
  workers: number;
  health: HealthMonitor;
  metrics: MetricsRecorder;
  onLiveChange: () => void;
  headersTimeoutMs?: number;
  /** HTTPS: the workers terminate TLS on the connections they are handed (the primary only accepts). */
  tls?: TlsFiles;
  /** Where the workers' request records go (their batches, inspect/record-batch.ts). */
  records?: { addMany(records: readonly RawRecord[]): void };
}

/** A worker that dies sooner than this after its start is replaced only after this pause, so a crash loop cannot spin. */
const RESTART_BACKOFF_MS = 1000;

/**
 * N proxy worker processes behind one listener: the primary accepts each client connection
 * and hands it to the next worker in turn (as node:cluster does, but per plane, so two
 * planes in one process never share a port), and the worker serves every request on it.
 * The primary keeps health (one prober, the down set copied to every worker), the metrics
 * (workers report counts and latency histograms each second; in-flight and WebSocket gauges
 * within 20 ms, so drains are exact) and replaces a worker that dies.
 *
 * Each worker runs its own smooth weighted round robin (starting at its own phase), so a
 * 70/30 ratio is exact within each worker and within a step per worker over all traffic;
 * ten consecutive requests of one client are exact when they share a connection
 * (docs/workers.md).
 */
export class WorkerPool implements TrafficServer, WorkerEvents {
  private readonly links: WorkerLink[] = [];
  private readonly listener = net.createServer({ pauseOnConnect: true }, (socket) => this.handOver(socket));
  private config: WorkerConfig | undefined;
  private weights = new Map<string, number>();
  private next = 0;
  private bound: { host: string; port: number } | undefined;
  private isPaused = false;
  private closeIdle = true;
  /** The hold or stop in force: every worker applies it, a replacement too (brief). */
  private gate: GateSettings | null = null;
  private stopping = false;
  private closedSessions: string[] = [];
  /** The running shadow: every worker samples its own share of it, a replacement too (brief). */
  private shadow: ShadowSampling | null = null;
  private routing: TrafficConfig['routing'] | undefined;
  affinityHint: string | null = null;

  constructor(private readonly options: WorkerPoolOptions) {}

  configure(config: TrafficConfig): void {
    const workerConfig: WorkerConfig = {
      routing: config.routing,
      settings: config.settings,
      environments: config.environments.map((env) => ({
        name: env.name,
        url: env.url,
        weight: env.weight,
        allowSelfSigned: env.allowSelfSigned,
        checked: env.health.enabled,
        passive5xx: env.health.passive5xx,
      })),
    };
    this.weights = new Map(config.environments.map((env) => [env.name, env.weight]));
    if (config.routing !== this.routing) this.affinityHint = null;
    this.routing = config.routing;
    this.options.metrics.retain(config.environments.map((env) => env.name));
    this.config = workerConfig;
    this.broadcast({ type: 'configure', config: workerConfig });
    this.sumGauges();
  }

  async prepare(): Promise<void> {
    if (this.links.length === 0) await this.startWorkers();
  }

  async listen(host: string, port: number): Promise<number> {
    await this.prepare();
    try {
      const bound = await listenOn(this.listener, host, port);
      this.bound = { host, port: bound };
      return bound;
    } catch (error) {
      await this.close();
      throw error;
    }
  }

  countersFor(name: string): EnvironmentCounters {
    const { metrics } = this.options;
    if (!metrics.has(name)) return { inFlight: 0, requests: 0 };
    const meter = metrics.meter(name);
    return { inFlight: meter.inFlight, requests: meter.requests };
  }

  weightOf(name: string): number | undefined {
    return this.weights.get(name);
  }

  /** Returns how many are open now; the workers end them as the message reaches them. */
  endConnections(name: string): number {
    const meter = this.options.metrics.has(name) ? this.options.metrics.meter(name) : undefined;
    this.broadcast({ type: 'end-connections', name });
    return (meter?.openWebSockets ?? 0) + (meter?.openStreams ?? 0);
  }

  cutInFlight(name: string): void {
    this.broadcast({ type: 'cut-in-flight', name });
  }

  releaseIdle(name: string): void {
    this.broadcast({ type: 'release-idle', name });
  }

  closeSessions(names: readonly string[]): void {
    this.closedSessions = [...names];
    this.broadcast({ type: 'close-sessions', names: this.closedSessions });
  }

  /** The live workers' process ids (for status and tests). */
  get pids(): number[] {
    return this.links.filter((link) => !link.exited && link.child.pid !== undefined).map((link) => link.child.pid!);
  }

  get paused(): boolean {
    return this.isPaused;
  }

  get listening(): boolean {
    return this.listener.listening;
  }

  pause(options: RetireOptions = {}): void {
    if (this.isPaused || !this.listener.listening) return;
    this.isPaused = true;
    this.closeIdle = options.closeIdle !== false;
    this.listener.close();
    this.broadcast({ type: 'pause', closeIdle: this.closeIdle });
  }

  hold(settings: GateSettings | null): void {
    this.gate = settings;
    this.broadcast({ type: 'hold', settings });
  }

  sampleShadow(sampling: ShadowSampling | null): void {
    this.shadow = sampling;
    this.broadcast({ type: 'shadow', sampling });
  }

  /** Summed over the live workers, like the other gauges (within 20 ms of a change). */
  get held(): HeldSummary {
    return heldOverWorkers(this.links);
  }

  async resume(): Promise<void> {
    if (!this.isPaused || !this.bound) return;
    await listenOn(this.listener, this.bound.host, this.bound.port);
    this.isPaused = false;
    this.broadcast({ type: 'resume' });
  }

  async close(): Promise<void> {
    this.stopping = true;
    if (this.listener.listening) this.listener.close();
    await Promise.all(this.links.map((link) => stopWorker(link)));
  }

  async collectMetrics(): Promise<void> {
    await Promise.all(this.links.map((link) => link.report()));
  }

  healthChanged(): void {
    this.broadcast(this.healthMessage());
  }

  // WorkerEvents: what the workers tell the primary.

  gauges(): void {
    this.sumGauges();
    this.options.onLiveChange();
  }

  interval(environments: Record<string, MeterInterval>): void {
    const { metrics } = this.options;
    for (const [name, interval] of Object.entries(environments)) if (metrics.has(name)) metrics.meter(name).importInterval(interval);
  }

  records(records: RawRecord[]): void {
    this.options.records?.addMany(records);
  }

  affinity(reason: string): void {
    if (this.routing !== 'round-robin' || this.affinityHint !== null) return;
    this.affinityHint = reason;
    this.options.onLiveChange();
  }

  connectFailure(name: string, reason: string): void {
    this.options.health.reportConnectFailure(name, reason);
  }

  passiveDown(name: string, reason: string): void {
    this.options.health.markDown(name, reason);
  }

  exit(link: WorkerLink, code: number | null, signal: NodeJS.Signals | null): void {
    this.sumGauges();
    this.options.onLiveChange();
    if (this.stopping) return;
    const slot = this.links.indexOf(link);
    if (slot < 0) return;
    const livedMs = Date.now() - link.startedAt;
    console.error(`turnout: proxy worker ${link.child.pid} exited (${signal ?? `code ${code}`}); starting a replacement`);
    const replace = (): void => {
      if (this.stopping) return;
      const fresh = this.spawn(slot);
      this.links[slot] = fresh;
      fresh.ready.then(() => this.brief(fresh)).catch((error: Error) => console.error(`turnout: ${error.message}`));
    };
    if (livedMs < RESTART_BACKOFF_MS) setTimeout(replace, RESTART_BACKOFF_MS).unref();
    else replace();
  }

  private async startWorkers(): Promise<void> {
    for (let i = 0; i < this.options.workers; i++) this.links.push(this.spawn(i));
    try {
      await Promise.all(this.links.map((link) => link.ready));
    } catch (error) {
      await this.close();
      throw new Error(`the proxy workers could not start: ${(error as Error).message}`);
    }
    for (const link of this.links) this.brief(link);
  }

  private spawn(index: number): WorkerLink {
    const boot = { headersTimeoutMs: this.options.headersTimeoutMs, index, of: this.options.workers, tls: this.options.tls };
    return new WorkerLink(launchWorker(boot), this);
  }

  /** A new worker learns everything a running one knows before its first connection. */
  private brief(link: WorkerLink): void {
    if (this.config) link.send({ type: 'configure', config: this.config });
    link.send(this.healthMessage());
    link.send({ type: 'close-sessions', names: this.closedSessions });
    if (this.isPaused) link.send({ type: 'pause', closeIdle: this.closeIdle });
    if (this.gate) link.send({ type: 'hold', settings: this.gate });
    if (this.shadow) link.send({ type: 'shadow', sampling: this.shadow });
    link.serving = true;
  }

  private healthMessage(): ToWorker {
    const names = this.config?.environments.map((env) => env.name) ?? [];
    return { type: 'health', down: names.filter((name) => !this.options.health.isUp(name)) };
  }

  private handOver(socket: net.Socket): void {
    for (let tries = 0; tries < this.links.length; tries++) {
      const link = this.links[this.next++ % this.links.length]!;
      try {
        if (link.handOver(socket)) return;
      } catch {
        // The worker's channel closed between the check and the send: try the next one.
      }
    }
    socket.destroy();
  }

  /** The certificate files changed (checked by the caller): every worker reads them again. */
  reloadTls(): void {
    this.broadcast({ type: 'reload-tls' });
  }

  private broadcast(message: ToWorker): void {
    for (const link of this.links) link.send(message);
  }

  private sumGauges(): void {
    sumWorkerGauges(this.options.metrics, this.links);
  }
}
