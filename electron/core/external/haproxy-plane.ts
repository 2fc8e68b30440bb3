import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import type { MetricsSample } from '../../../shared/contract/metrics';
import { haproxyBackendName, haproxyConfig } from '../../../shared/domain/export/haproxy';
import type { ExportSource } from '../../../shared/domain/export/source';
import type { EnvironmentStatus } from '../data-plane';
import { resolveConfig, type DataPlaneConfig, type DataPlaneEnvironment, type ResolvedConfig } from '../data-plane-config';
import type { HealthChange } from '../health/health-monitor';
import { EngineProcess, freePort } from './engine-process';
import { checkRuntimeAnswer, parseShowStat, runtimeCommand } from './haproxy-runtime';
import type { PlaneLike } from './plane';
import { StatsTracker } from './stats-tracker';

const POLL_MS = 250;
const HANDOVER_WAIT_MS = 3000;

/**
 * HAProxy as the data plane. Turnout writes haproxy.cfg from the profile, checks it with
 * `haproxy -c`, runs HAProxy in the foreground, and applies every ratio change through
 * the runtime API (`set weight`, `set server state drain|ready`): no reload, no connection
 * touched. A change of environments, routing or settings rewrites the config and starts a
 * new process with `-sf`, which takes over the listener while the old one finishes.
 */
export class HaproxyPlane implements PlaneLike {
  private readonly dir = fs.mkdtempSync(path.join(os.tmpdir(), 'turnout-haproxy-'));
  private readonly socket = path.join(this.dir, 'admin.sock');
  private readonly tracker: StatsTracker;
  private engine: EngineProcess | undefined;
  private config: ResolvedConfig = resolveConfig([]);
  private listen = { host: '127.0.0.1', port: 0 };
  private url = '';
  private poller: NodeJS.Timeout | undefined;
  private sampler: NodeJS.Timeout | undefined;
  /** Runtime commands run one after another, in the order ratios were set. */
  private queue: Promise<void> = Promise.resolve();
  private failure: Error | undefined;
  /** Old processes finishing their connections after a handover; stop() ends them too. */
  private readonly retiring = new Set<EngineProcess>();

  constructor(
    onLiveChange: () => void = () => undefined,
    private readonly binary = 'haproxy',
  ) {
    this.tracker = new StatsTracker(onLiveChange);
  }

  async start(host: string, port: number, config: DataPlaneConfig | readonly DataPlaneEnvironment[]): Promise<string> {
    this.listen = { host, port: port === 0 ? await freePort(host) : port };
    this.config = resolveConfig(config);
    this.engine = await this.launch();
    this.trackWeights();
    await this.poll();
    this.poller = setInterval(() => void this.poll(), POLL_MS).unref();
    this.sampler = setInterval(() => this.tracker.sample(), 1000).unref();
    this.url = `http://${host.includes(':') ? `[${host}]` : host}:${this.listen.port}`;
    return this.url;
  }

  /** Weights only: runtime API. Anything else: a new config and a seamless process handover. */
  apply(config: DataPlaneConfig | readonly DataPlaneEnvironment[]): void {
    const next = resolveConfig(config);
    const previous = this.config;
    this.config = next;
    this.trackWeights();
    const sameShape = JSON.stringify(withoutWeights(previous)) === JSON.stringify(withoutWeights(next));
    this.enqueue(sameShape ? () => this.setWeights(next) : () => this.handover());
  }

  /** Resolves once every change asked for so far has reached HAProxy; rejects with the first failure. */
  async settled(): Promise<void> {
    await this.queue;
    if (this.failure) throw this.failure;
  }

  status(name: string): EnvironmentStatus {
    return this.tracker.status(name);
  }

  onHealthChange(listener: (change: HealthChange) => void): () => void {
    return this.tracker.onHealthChange(listener);
  }

  whenDrained(name: string, signal?: AbortSignal): Promise<void> {
    return this.tracker.drains.wait(name, signal);
  }

  /**
   * The engine counts no WebSockets apart from requests and cannot close only those, so a
   * drain's grace period ending closes nothing here (docs/external-data-planes.md).
   */
  closeConnections(_name: string): number {
    return 0;
  }

  metrics(): MetricsSample | null {
    return this.tracker.latest();
  }

  metricsSeries(): MetricsSample[] {
    return this.tracker.allSamples();
  }

  onMetrics(listener: (sample: MetricsSample) => void): () => void {
    return this.tracker.onSample(listener);
  }

  prometheus(): string {
    return this.tracker.prometheus();
  }

  get listening(): boolean {
    return this.engine !== undefined;
  }

  get proxyUrl(): string {
    return this.url;
  }

  /** The config file Turnout wrote (for the user to inspect, and for tests). */
  get configFile(): string {
    return path.join(this.dir, 'haproxy.cfg');
  }

  async stop(): Promise<void> {
    clearInterval(this.poller);
    clearInterval(this.sampler);
    this.tracker.drains.cancelAll();
    await this.queue;
    const engine = this.engine;
    this.engine = undefined;
    // SIGUSR1: soft stop, in-flight requests finish (closeServer semantics).
    await Promise.all([engine?.stop('SIGUSR1'), ...[...this.retiring].map((old) => old.stop('SIGUSR1'))]);
    fs.rmSync(this.dir, { recursive: true, force: true });
  }

  private source(): ExportSource {
    const { host, port } = this.listen;
    return {
      name: 'turnout',
      listen: `${host.includes(':') ? `[${host}]` : host}:${port}`,
      routing: this.config.routing,
      proxy: this.config.proxy,
      environments: this.config.environments.map((env) => ({ ...env, tls: { allowSelfSigned: env.allowSelfSigned } })),
    };
  }

  /** Writes and checks the config, then starts HAProxy (taking over from `previous` if given). */
  private async launch(previous?: EngineProcess): Promise<EngineProcess> {
    fs.writeFileSync(this.configFile, haproxyConfig(this.source(), { statsSocket: this.socket }));
    try {
      await promisify(execFile)(this.binary, ['-c', '-q', '-f', this.configFile], { timeout: 10_000 });
    } catch (error) {
      const output = (error as { stderr?: string }).stderr ?? (error as Error).message;
      throw new Error(`haproxy -c refused the generated configuration: ${output.trim()}`);
    }
    const args = ['-db', '-f', this.configFile, ...(previous ? ['-sf', String(previous.pid)] : [])];
    if (!previous) return EngineProcess.start({ binary: this.binary, args, softStop: 'SIGUSR1', ...this.listen });
    const next = await EngineProcess.start({ binary: this.binary, args, softStop: 'SIGUSR1', ...this.listen });
    // -sf told the old process to stop accepting and finish; it closes idle keep-alive
    // connections at once. Wait (bounded) so a settled change means the new config serves.
    this.retiring.add(previous);
    void previous.whenExited().then(() => this.retiring.delete(previous));
    await Promise.race([previous.whenExited(), new Promise((resolve) => setTimeout(resolve, HANDOVER_WAIT_MS))]);
    return next;
  }

  private async handover(): Promise<void> {
    this.engine = await this.launch(this.engine);
  }

  /**
   * Environments that get weight are made ready first and those going to 0 drained last:
   * in between a request may follow the old ratio, but never finds every server drained.
   */
  private async setWeights(config: ResolvedConfig): Promise<void> {
    const backend = haproxyBackendName({ name: 'turnout' });
    const ordered = [...config.environments].sort((a, b) => Number(a.weight === 0) - Number(b.weight === 0));
    const commands = ordered.flatMap((env) =>
      env.weight === 0
        ? [`set weight ${backend}/${env.name} 0`, `set server ${backend}/${env.name} state drain`]
        : [`set server ${backend}/${env.name} state ready`, `set weight ${backend}/${env.name} ${env.weight}`],
    );
    for (const command of commands) checkRuntimeAnswer(command, await runtimeCommand(this.socket, command));
  }

  private async poll(): Promise<void> {
    if (!this.engine) return;
    try {
      this.tracker.update(parseShowStat(await runtimeCommand(this.socket, 'show stat')));
    } catch {
      // A poll during a handover may find no socket for a moment; the next one will.
    }
  }

  private trackWeights(): void {
    this.tracker.setWeights(new Map(this.config.environments.map((env) => [env.name, env.weight])));
  }

  private enqueue(work: () => Promise<void>): void {
    this.queue = this.queue.then(work).catch((error: unknown) => {
      this.failure ??= error instanceof Error ? error : new Error(String(error));
    });
  }
}

/** What a ratio change leaves alone; failover's primary (the first with weight) is in the config. */
function withoutWeights(config: ResolvedConfig): unknown {
  const failover = config.routing === 'failover';
  return { ...config, environments: config.environments.map((env) => ({ ...env, weight: failover ? env.weight === 0 : null })) };
}
