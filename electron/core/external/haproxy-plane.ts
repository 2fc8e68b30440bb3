import fs from 'node:fs';
import path from 'node:path';
import { haproxyBackendName, haproxyConfig } from '../../../shared/domain/export/haproxy';
import { resolveConfig, type DataPlaneConfig, type DataPlaneEnvironment, type ResolvedConfig } from '../data-plane-config';
import { EngineProcess, freePort } from './engine-process';
import { EnginePlane } from './engine-plane';
import { checkRuntimeAnswer, parseShowStat, runtimeCommand } from './haproxy-runtime';
import type { PlaneLike } from './plane';

const POLL_MS = 250;
const HANDOVER_WAIT_MS = 3000;

/**
 * HAProxy as the data plane. Turnout writes haproxy.cfg from the profile, checks it with
 * `haproxy -c`, runs HAProxy in the foreground, and applies every ratio change through
 * the runtime API (`set weight`, `set server state drain|ready`): no reload, no connection
 * touched. A change of environments, routing or settings rewrites the config and starts a
 * new process with `-sf`, which takes over the listener while the old one finishes.
 */
export class HaproxyPlane extends EnginePlane implements PlaneLike {
  private readonly socket = path.join(this.dir, 'admin.sock');
  private poller: NodeJS.Timeout | undefined;
  private sampler: NodeJS.Timeout | undefined;
  /** Old processes finishing their connections after a handover; stop() ends them too. */
  private readonly retiring = new Set<EngineProcess>();

  constructor(onLiveChange: () => void = () => undefined, binary = 'haproxy') {
    super('turnout-haproxy-', onLiveChange, binary);
  }

  async start(host: string, port: number, config: DataPlaneConfig | readonly DataPlaneEnvironment[]): Promise<string> {
    this.setListen(host, port === 0 ? await freePort(host) : port);
    this.config = resolveConfig(config);
    this.engine = await this.launch();
    this.trackWeights();
    await this.poll();
    this.poller = setInterval(() => void this.poll(), POLL_MS).unref();
    this.sampler = setInterval(() => this.tracker.sample(), 1000).unref();
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

  /** The config file Turnout wrote (for the user to inspect, and for tests). */
  get configFile(): string {
    return path.join(this.dir, 'haproxy.cfg');
  }

  async stop(): Promise<void> {
    clearInterval(this.poller);
    clearInterval(this.sampler);
    await this.drainQueueForStop();
    const engine = this.engine;
    this.engine = undefined;
    // SIGUSR1: soft stop, in-flight requests finish (closeServer semantics).
    await Promise.all([engine?.stop('SIGUSR1'), ...[...this.retiring].map((old) => old.stop('SIGUSR1'))]);
    this.removeFiles();
  }

  /** Writes and checks the config, then starts HAProxy (taking over from `previous` if given). */
  private async launch(previous?: EngineProcess): Promise<EngineProcess> {
    fs.writeFileSync(this.configFile, haproxyConfig(this.source(), { statsSocket: this.socket }));
    await this.check('haproxy -c', ['-c', '-q', '-f', this.configFile]);
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
}

/** What a ratio change leaves alone; failover's primary (the first with weight) is in the config. */
function withoutWeights(config: ResolvedConfig): unknown {
  const failover = config.routing === 'failover';
  return { ...config, environments: config.environments.map((env) => ({ ...env, weight: failover ? env.weight === 0 : null })) };
}
