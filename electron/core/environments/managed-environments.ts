import type { ManagedView, LogLine } from '../../../shared/contract/managed';
import { ContractError } from '../../../shared/contract/errors';
import type { Environment } from '../../../shared/domain/environment';
import { managedCommands, type ManagedCommands } from '../../../shared/domain/managed';
import { DEFAULT_TIMING, ManagedProcess, type SupervisorTiming } from './managed-process';

export interface ManagedHooks {
  /** A process changed state (started, crashed, answering): the views show it. */
  onChange(): void;
  onLine(environment: string, line: LogLine): void;
}

/**
 * The environments of one running profile that Turnout runs itself (those with `run` or
 * `compose`). Lives and dies with the profile's LiveProfile; a profile change restarts only
 * the environments whose commands changed.
 */
export class ManagedEnvironments {
  private readonly processes = new Map<string, { process: ManagedProcess; key: string; off: () => void }>();
  /** Syncs run one after another: two quick profile changes must not start one environment twice. */
  private queue: Promise<void> = Promise.resolve();

  constructor(
    private readonly hooks: ManagedHooks,
    private readonly timing: SupervisorTiming = DEFAULT_TIMING,
  ) {}

  /**
   * Makes the running processes match `environments`: new ones start (and are waited for,
   * up to `readyTimeoutMs`, so traffic does not reach an app still booting), changed ones
   * restart, removed ones stop.
   */
  sync(environments: readonly Environment[], readyTimeoutMs: number): Promise<void> {
    const run = this.queue.then(() => this.syncNow(environments, readyTimeoutMs));
    this.queue = run.catch(() => undefined);
    return run;
  }

  private async syncNow(environments: readonly Environment[], readyTimeoutMs: number): Promise<void> {
    const wanted = new Map<string, { env: Environment; commands: ManagedCommands }>();
    for (const env of environments) {
      const commands = managedCommands(env);
      if (commands) wanted.set(env.name, { env, commands });
    }
    const stopping: Promise<void>[] = [];
    for (const [name, entry] of this.processes) {
      const next = wanted.get(name);
      if (next && keyOf(next.env, next.commands) === entry.key) continue;
      this.processes.delete(name);
      entry.off();
      stopping.push(entry.process.stop());
    }
    await Promise.all(stopping);
    const starting: Promise<void>[] = [];
    for (const [name, { env, commands }] of wanted) {
      if (this.processes.has(name)) continue;
      const process = new ManagedProcess(name, commands, { url: env.url, check: env.health, allowSelfSigned: env.tls.allowSelfSigned }, () => this.hooks.onChange(), this.timing);
      const off = process.logs.onLine((line) => this.hooks.onLine(name, line));
      this.processes.set(name, { process, key: keyOf(env, commands), off });
      starting.push(process.start(readyTimeoutMs));
    }
    await Promise.all(starting);
  }

  /** The user said yes to `env`'s (imported) command: it may run from now on; `start` starts it now. */
  async confirm(env: Environment, start: boolean): Promise<void> {
    const commands = managedCommands(env);
    if (!commands) return;
    await this.queue;
    await this.get(env.name).confirm(commands, start);
  }

  /** Every managed environment, in the order they were started. */
  views(): ManagedView[] {
    return [...this.processes.values()].map((entry) => entry.process.view());
  }

  has(name: string): boolean {
    return this.processes.has(name);
  }

  /** The process of a managed environment, or NOT_FOUND naming the ones there are. */
  get(name: string): ManagedProcess {
    const entry = this.processes.get(name);
    if (!entry) {
      const names = [...this.processes.keys()];
      throw new ContractError('NOT_FOUND', `"${name}" is not an environment Turnout runs${names.length ? ` (managed: ${names.join(', ')})` : ' (no environment of the active profile has a run or compose command)'}`);
    }
    return entry.process;
  }

  /** `quitting`: Turnout is exiting, so environments marked keepRunningOnQuit stay up. */
  async stop(quitting = false): Promise<void> {
    await this.queue;
    const entries = [...this.processes.values()];
    this.processes.clear();
    for (const entry of entries) entry.off();
    await Promise.all(entries.map((entry) => entry.process.stop(quitting)));
  }
}

/**
 * What makes a restart necessary: the commands and where it is reached (not its weight or
 * colour, and not `confirmed`: confirming one starts it through confirm(), and must never
 * restart one that runs, e.g. while an update swaps traffic to it).
 */
function keyOf(env: Environment, commands: ManagedCommands): string {
  return JSON.stringify({ url: env.url, commands: { ...commands, confirmed: undefined }, health: env.health });
}
