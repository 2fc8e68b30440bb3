import type { Health, ProbeResult } from '../../../shared/contract/state';
import type { HealthView } from '../balancer/router';
import { HealthState } from './health-state';
import { probe, type ProbeTarget } from './probe';

export interface MonitoredEnvironment extends ProbeTarget {
  name: string;
}

/** One up/down transition, for the control service to publish and record in history. */
export interface HealthChange {
  name: string;
  before: Health;
  after: Health;
  /** Why, in words: "probe: ECONNREFUSED", "proxy: ECONNREFUSED", "3 consecutive 5xx". */
  reason: string;
  at: number;
}

/** The words of the passive 5xx rule, the same whether this monitor or a proxy worker counted the run. */
export function consecutive5xxReason(threshold: number): string {
  return `${threshold} consecutive 5xx`;
}

/** Timers, injectable so the thresholds can be tested without waiting. */
export interface Scheduler {
  now(): number;
  setTimeout(run: () => void, ms: number): unknown;
  clearTimeout(handle: unknown): void;
}

const realScheduler: Scheduler = {
  now: () => Date.now(),
  setTimeout: (run, ms) => setTimeout(run, ms).unref(),
  clearTimeout: (handle) => clearTimeout(handle as NodeJS.Timeout),
};

interface Watch {
  target: MonitoredEnvironment;
  key: string;
  state: HealthState;
  lastProbe: ProbeResult | null;
  consecutive5xx: number;
  timer: unknown;
  /** Bumped when the watch is replaced, so a probe already in flight reports nowhere. */
  generation: number;
}

/**
 * Health of every environment: active probes on each environment's own interval, plus
 * passive signals from the proxy (connection failures, optional runs of 5xx) that take an
 * environment down at once; only active probes bring it back. Environments with checks
 * turned off are always up. `isUp` is the balancer's seam and is a single set lookup.
 */
export class HealthMonitor implements HealthView {
  private readonly watches = new Map<string, Watch>();
  private readonly down = new Set<string>();
  private generation = 0;

  constructor(
    private readonly onChange: (change: HealthChange) => void,
    private readonly scheduler: Scheduler = realScheduler,
    private readonly runProbe: (target: ProbeTarget) => Promise<ProbeResult> = (target) => probe(target, scheduler.now),
  ) {}

  /** Starts, keeps or restarts watches; an environment whose URL and checks are unchanged keeps its state. */
  configure(environments: readonly MonitoredEnvironment[]): void {
    const names = new Set(environments.map((env) => env.name));
    for (const name of [...this.watches.keys()]) if (!names.has(name)) this.unwatch(name);
    for (const env of environments) {
      const key = JSON.stringify([env.url, env.check, env.allowSelfSigned]);
      const existing = this.watches.get(env.name);
      if (existing?.key === key) continue;
      if (existing) this.unwatch(env.name);
      if (!env.check.enabled) continue;
      const watch: Watch = { target: env, key, state: new HealthState(env.check.rise, env.check.fall), lastProbe: null, consecutive5xx: 0, timer: undefined, generation: ++this.generation };
      this.watches.set(env.name, watch);
      this.runNow(watch);
    }
  }

  isUp(name: string): boolean {
    return !this.down.has(name);
  }

  health(name: string): Health {
    // Checks turned off: traffic flows (isUp), but Turnout does not claim to know.
    return this.watches.get(name)?.state.state ?? 'unknown';
  }

  lastProbe(name: string): ProbeResult | null {
    return this.watches.get(name)?.lastProbe ?? null;
  }

  /** The proxy could not connect: down now, whatever the last probe said. */
  reportConnectFailure(name: string, reason: string): void {
    this.markDown(name, `proxy: ${reason}`);
  }

  /** Down now for a passive reason a proxy worker saw (its own run of 5xx); probes bring it back. */
  markDown(name: string, reason: string): void {
    const watch = this.watches.get(name);
    if (!watch || watch.state.state === 'down') return;
    const before = watch.state.state;
    watch.state.forceDown();
    this.transition(watch, before, reason);
  }

  /** Feeds an upstream status to the optional consecutive-5xx rule. */
  reportResponse(name: string, status: number): void {
    const watch = this.watches.get(name);
    if (!watch) return;
    const threshold = watch.target.check.passive5xx;
    if (threshold === 0) return;
    if (status < 500) {
      watch.consecutive5xx = 0;
      return;
    }
    if (++watch.consecutive5xx < threshold || watch.state.state === 'down') return;
    const before = watch.state.state;
    watch.state.forceDown();
    watch.consecutive5xx = 0;
    this.transition(watch, before, consecutive5xxReason(threshold));
  }

  stop(): void {
    for (const name of [...this.watches.keys()]) this.unwatch(name);
  }

  private unwatch(name: string): void {
    const watch = this.watches.get(name);
    if (!watch) return;
    watch.generation = -1;
    this.scheduler.clearTimeout(watch.timer);
    this.watches.delete(name);
    this.down.delete(name);
  }

  private runNow(watch: Watch): void {
    const generation = watch.generation;
    void this.runProbe(watch.target).then((result) => {
      if (watch.generation !== generation) return;
      watch.lastProbe = result;
      const before = watch.state.state;
      const after = watch.state.observe(result.ok);
      if (after !== before) this.transition(watch, before, result.ok ? `probe: status ${result.status}` : `probe: ${result.error ?? 'failed'}`);
      watch.timer = this.scheduler.setTimeout(() => this.runNow(watch), watch.target.check.intervalMs);
    });
  }

  private transition(watch: Watch, before: Health, reason: string): void {
    const after = watch.state.state;
    if (after === 'down') this.down.add(watch.target.name);
    else this.down.delete(watch.target.name);
    this.onChange({ name: watch.target.name, before, after, reason, at: this.scheduler.now() });
  }
}
