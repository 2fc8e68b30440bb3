import type { Eligible, SelectionPolicy, WeightedEnvironment } from './selection-policy';

/**
 * Failover: the first environment in profile order takes everything; the next one only
 * while every environment before it is down, and traffic returns as soon as the primary is
 * up again. Weights do not split traffic here, but weight 0 still means "draining": such an
 * environment is passed over while any other can serve, and used only as the last resort
 * (a draining environment that answers beats a 503).
 */
export class FailoverPolicy implements SelectionPolicy {
  private readonly order: readonly WeightedEnvironment[];

  constructor(environments: readonly WeightedEnvironment[]) {
    this.order = environments.map((env) => ({ ...env }));
  }

  select(eligible: Eligible): string | undefined {
    let lastResort: string | undefined;
    for (const env of this.order) {
      if (!eligible(env.name)) continue;
      if (env.weight > 0) return env.name;
      lastResort ??= env.name;
    }
    return lastResort;
  }
}
