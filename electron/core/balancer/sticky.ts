import type { Eligible, SelectionPolicy, WeightedEnvironment } from './selection-policy';
import { SmoothWeightedBalancer } from './smooth-weighted';

/**
 * Sticky sessions: a client that already has a sticky cookie stays on the environment it
 * names while that environment can take requests, even at weight 0 (draining keeps existing
 * sessions, it only stops new ones), until an update drain closes that environment's
 * sessions (`closed`). New clients, and clients pinned to an environment that is down, gone
 * or closed, are split by the ratio; the proxy then rewrites the cookie.
 */
export class StickyPolicy implements SelectionPolicy {
  private readonly balancer: SmoothWeightedBalancer;
  private readonly known: ReadonlySet<string>;

  constructor(
    environments: readonly WeightedEnvironment[],
    private readonly closed: ReadonlySet<string>,
  ) {
    this.balancer = new SmoothWeightedBalancer(Object.fromEntries(environments.map((env) => [env.name, env.weight])));
    this.known = new Set(environments.map((env) => env.name));
  }

  select(eligible: Eligible, sticky: string | undefined): string | undefined {
    if (sticky !== undefined && this.known.has(sticky) && !this.closed.has(sticky) && eligible(sticky)) return sticky;
    return this.balancer.pick(eligible);
  }
}
