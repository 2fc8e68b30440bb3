import { execFile } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import type { MetricsSample } from '../../../shared/contract/metrics';
import { nginxConfig, nginxStandaloneConfig } from '../../../shared/domain/export/nginx';
import type { EnvironmentStatus } from '../data-plane';
import { resolveConfig, type DataPlaneConfig, type DataPlaneEnvironment, type ResolvedConfig } from '../data-plane-config';
import type { HealthChange } from '../health/health-monitor';
import { EngineProcess, freePort } from './engine-process';
import type { PlaneLike } from './plane';
import { StatsTracker } from './stats-tracker';

const run = promisify(execFile);

/**
 * nginx as the data plane. Open-source nginx cannot change upstream weights at run time,
 * so every change rewrites nginx.conf, checks it with `nginx -t` and reloads: new workers
 * take the new ratio while old ones finish, and keep-alive clients of the old workers may
 * see their connection closed (NGINX_RELOAD_WARNING; measured in nginx-plane.test.ts).
 * nginx reports no per-server counters, so status shows configuration, not live traffic.
 */
export class NginxPlane implements PlaneLike {
  private readonly dir = fs.mkdtempSync(path.join(os.tmpdir(), 'turnout-nginx-'));
  private readonly tracker: StatsTracker;
  private engine: EngineProcess | undefined;
  private config: ResolvedConfig = resolveConfig([]);
  private listen = { host: '127.0.0.1', port: 0 };
  private url = '';
  private queue: Promise<void> = Promise.resolve();
  private failure: Error | undefined;

  constructor(
    onLiveChange: () => void = () => undefined,
    private readonly binary = 'nginx',
  ) {
    this.tracker = new StatsTracker(onLiveChange);
  }

  async start(host: string, port: number, config: DataPlaneConfig | readonly DataPlaneEnvironment[]): Promise<string> {
    this.listen = { host, port: port === 0 ? await freePort(host) : port };
    this.config = resolveConfig(config);
    await this.writeChecked();
    this.engine = await EngineProcess.start({ binary: this.binary, args: [...this.paths(), '-g', 'daemon off;'], softStop: 'SIGQUIT', ...this.listen });
    this.trackWeights();
    this.url = `http://${host.includes(':') ? `[${host}]` : host}:${this.listen.port}`;
    return this.url;
  }

  /** Every change is a checked config and a reload (in order; `settled` awaits them). */
  apply(config: DataPlaneConfig | readonly DataPlaneEnvironment[]): void {
    this.config = resolveConfig(config);
    this.trackWeights();
    const snapshot = this.config;
    this.queue = this.queue
      .then(async () => {
        await this.writeChecked(snapshot);
        await run(this.binary, [...this.paths(), '-s', 'reload'], { timeout: 10_000 });
      })
      .catch((error: unknown) => {
        this.failure ??= error instanceof Error ? error : new Error(String(error));
      });
  }

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

  get configFile(): string {
    return path.join(this.dir, 'nginx.conf');
  }

  async stop(): Promise<void> {
    this.tracker.drains.cancelAll();
    await this.queue;
    const engine = this.engine;
    this.engine = undefined;
    // SIGQUIT: graceful shutdown, in-flight requests finish.
    await engine?.stop('SIGQUIT');
    fs.rmSync(this.dir, { recursive: true, force: true });
  }

  private paths(): string[] {
    return ['-p', this.dir, '-c', this.configFile];
  }

  private async writeChecked(config = this.config): Promise<void> {
    const { host, port } = this.listen;
    const source = {
      name: 'turnout',
      listen: `${host.includes(':') ? `[${host}]` : host}:${port}`,
      routing: config.routing,
      proxy: config.proxy,
      environments: config.environments.map((env) => ({ ...env, tls: { allowSelfSigned: env.allowSelfSigned } })),
    };
    fs.writeFileSync(this.configFile, nginxStandaloneConfig(nginxConfig(source), this.dir));
    try {
      await run(this.binary, ['-t', '-q', ...this.paths()], { timeout: 10_000 });
    } catch (error) {
      const output = (error as { stderr?: string }).stderr ?? (error as Error).message;
      throw new Error(`nginx -t refused the generated configuration: ${output.trim()}`);
    }
  }

  private trackWeights(): void {
    this.tracker.setWeights(new Map(this.config.environments.map((env) => [env.name, env.weight])));
  }
}
