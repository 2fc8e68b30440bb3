import type { RoutingMethod } from '../../../shared/domain/profile';
import { FailoverPolicy } from './failover';
import { RoundRobinPolicy } from './round-robin';
import { StickyPolicy } from './sticky';

/** An environment as the balancer sees it: a name and its share of new work. */
export interface WeightedEnvironment {
  name: string;
  weight: number;
}

/** Which environments may take this request: up and not already failed by it. */
export type Eligible = (name: string) => boolean;

/**
 * The one-method seam between the proxy and a routing method (as Caddy's selection policy):
 * the proxy asks, the policy answers with an environment name or undefined when none can
 * take the request. `sticky` is the environment the client's sticky cookie names, if any;
 * only the sticky policy looks at it. A policy is built per configuration and replaced on
 * change, so it holds no state the proxy must migrate.
 */
export interface SelectionPolicy {
  select(eligible: Eligible, sticky: string | undefined): string | undefined;
}

/** Builds the policy for a routing method; environments are in profile order; `closedSessions`: sticky cookies no longer honoured. */
export function createPolicy(method: RoutingMethod, environments: readonly WeightedEnvironment[], closedSessions: ReadonlySet<string> = new Set()): SelectionPolicy {
  switch (method) {
    case 'sticky':
      return new StickyPolicy(environments, closedSessions);
    case 'failover':
      return new FailoverPolicy(environments);
    default:
      return new RoundRobinPolicy(environments);
  }
}
