import { execFile } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import type { ExportSource } from '../../../shared/domain/export/source';
import type { UpdateDrainStep } from '../data-plane';
import { resolveConfig, type ResolvedConfig } from '../data-plane-config';
import type { EngineProcess } from './engine-process';
import type { PlaneLike } from './plane';
import { TrackedPlane } from './tracked-plane';

const run = promisify(execFile);

/**
 * What the HAProxy and nginx planes share: a temp dir for their files, a StatsTracker for
 * status, health, drains and metrics, and a queue that applies changes in order (`settled`
 * awaits it and reports the first failure). Subclasses write their config and drive
 * their engine.
 */
export abstract class EnginePlane extends TrackedPlane implements Omit<PlaneLike, 'start' | 'apply' | 'stop'> {
  protected readonly dir: string;
  protected engine: EngineProcess | undefined;
  protected config: ResolvedConfig = resolveConfig([]);
  protected listen = { host: '127.0.0.1', port: 0 };
  protected url = '';
  private queue: Promise<void> = Promise.resolve();
  private failure: Error | undefined;

  constructor(
    dirPrefix: string,
    onLiveChange: () => void,
    protected readonly binary: string,
  ) {
    super(onLiveChange);
    this.dir = fs.mkdtempSync(path.join(os.tmpdir(), dirPrefix));
  }

  /** The config file Turnout wrote (for the user to inspect, and for tests). */
  abstract get configFile(): string;

  /** Resolves once every change asked for so far has reached the engine; rejects with the first failure. */
  async settled(): Promise<void> {
    await this.queue;
    if (this.failure) throw this.failure;
  }

  /**
   * The engine counts no WebSockets apart from requests and cannot close only those, nor
   * re-pin sticky clients, so an update drain's steps do nothing here: the drain ends when
   * the engine counts nothing in flight (docs/external-data-planes.md).
   */
  updateDrain(_name: string, _step: UpdateDrainStep): number {
    return 0;
  }

  get listening(): boolean {
    return this.engine !== undefined;
  }

  get proxyUrl(): string {
    return this.url;
  }

  /** Waits for queued changes, then removes the temp dir; subclasses stop their processes first. */
  protected async drainQueueForStop(): Promise<void> {
    this.tracker.drains.cancelAll();
    await this.queue;
  }

  protected removeFiles(): void {
    fs.rmSync(this.dir, { recursive: true, force: true });
  }

  protected enqueue(work: () => Promise<void>): void {
    this.queue = this.queue.then(work).catch((error: unknown) => {
      this.failure ??= error instanceof Error ? error : new Error(String(error));
    });
  }

  protected trackWeights(): void {
    this.tracker.setWeights(new Map(this.config.environments.map((env) => [env.name, env.weight])));
  }

  protected setListen(host: string, port: number): void {
    this.listen = { host, port };
    this.url = `http://${host.includes(':') ? `[${host}]` : host}:${port}`;
  }

  /** The profile as the config generators (shared/domain/export) read it. */
  protected source(config = this.config): ExportSource {
    const { host, port } = this.listen;
    return {
      name: 'turnout',
      listen: `${host.includes(':') ? `[${host}]` : host}:${port}`,
      routing: config.routing,
      proxy: config.proxy,
      environments: config.environments.map((env) => ({ ...env, tls: { allowSelfSigned: env.allowSelfSigned } })),
    };
  }

  /** Runs the engine's own config check; its complaint becomes the error message. */
  protected async check(what: string, args: string[]): Promise<void> {
    try {
      await run(this.binary, args, { timeout: 10_000 });
    } catch (error) {
      const output = (error as { stderr?: string }).stderr ?? (error as Error).message;
      throw new Error(`${what} refused the generated configuration: ${output.trim()}`);
    }
  }
}
