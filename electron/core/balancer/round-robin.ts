import type { Eligible, SelectionPolicy, WeightedEnvironment } from './selection-policy';
import { SmoothWeightedBalancer } from './smooth-weighted';

/** Round robin: smooth weighted, exact over every window of sum(weights) requests. */
export class RoundRobinPolicy implements SelectionPolicy {
  private readonly balancer: SmoothWeightedBalancer;

  constructor(environments: readonly WeightedEnvironment[]) {
    this.balancer = new SmoothWeightedBalancer(Object.fromEntries(environments.map((env) => [env.name, env.weight])));
  }

  select(eligible: Eligible): string | undefined {
    return this.balancer.pick(eligible);
  }
}
