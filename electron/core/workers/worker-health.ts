import type { FromWorker, WorkerEnvironment } from '../../../shared/contract/workers';
import { consecutive5xxReason } from '../health/health-monitor';
import type { PassiveHealth } from '../proxy/exchange';

/**
 * A worker's view of health. The primary's HealthMonitor owns the truth (one prober for all
 * workers) and sends the whole down set on every change. A passive signal (a connection
 * failure, a run of 5xx on this worker's own traffic) takes the environment out of this
 * worker's rotation at once, as the in-process proxy would, and is reported so the
 * primary marks it down everywhere; only probes bring it back.
 */
export class WorkerHealth implements PassiveHealth {
  private down = new Set<string>();
  private environments = new Map<string, WorkerEnvironment>();
  private readonly run5xx = new Map<string, number>();

  constructor(private readonly send: (message: FromWorker) => void) {}

  configure(environments: readonly WorkerEnvironment[]): void {
    this.environments = new Map(environments.map((env) => [env.name, env]));
  }

  /** The primary's verdict replaces anything this worker assumed. */
  setDown(names: readonly string[]): void {
    this.down = new Set(names);
  }

  isUp(name: string): boolean {
    return !this.down.has(name);
  }

  reportConnectFailure(name: string, reason: string): void {
    if (this.environments.get(name)?.checked) this.down.add(name);
    this.send({ type: 'connect-failure', name, reason });
  }

  reportResponse(name: string, status: number): void {
    const env = this.environments.get(name);
    if (!env?.passive5xx || !env.checked) return;
    if (status < 500) {
      this.run5xx.delete(name);
      return;
    }
    const run = (this.run5xx.get(name) ?? 0) + 1;
    if (run < env.passive5xx || this.down.has(name)) {
      this.run5xx.set(name, run);
      return;
    }
    this.run5xx.delete(name);
    this.down.add(name);
    this.send({ type: 'passive-down', name, reason: consecutive5xxReason(env.passive5xx) });
  }
}
