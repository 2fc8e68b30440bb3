import type { IncomingMessage } from 'node:http';
import type { RouteReason } from '../../../shared/contract/inspect';
import type { RoutingMethod } from '../../../shared/domain/profile';
import { overTls, readCookie, STICKY_COOKIE, stickyCookie } from './cookies';
import { pinCookieFor, requestedPin } from './pins';
import { createPolicy, type Eligible, type SelectionPolicy, type WeightedEnvironment } from './selection-policy';

/** The one-method seam from health to the balancer (as in Traefik): may this environment take work? */
export interface HealthView {
  isUp(name: string): boolean;
}

/**
 * Chooses the environment for each request: a tester pin first, then the routing method's
 * policy, always among environments that are up. Swapping configuration replaces the policy
 * in place; the next request already uses it.
 */
export class Router {
  private policy: SelectionPolicy;
  private method: RoutingMethod = 'round-robin';
  private known: ReadonlySet<string> = new Set();
  private environments: readonly WeightedEnvironment[] = [];
  /** Environments whose sticky sessions an update drain has closed: their cookies are re-pinned. */
  private closedSessions: ReadonlySet<string> = new Set();
  // Bound once: the common path passes it to the policy without allocating per request.
  private readonly isUp: Eligible = (name) => this.health.isUp(name);

  constructor(private readonly health: HealthView) {
    this.policy = createPolicy('round-robin', []);
  }

  configure(method: RoutingMethod, environments: readonly WeightedEnvironment[]): void {
    this.method = method;
    this.environments = environments;
    this.known = new Set(environments.map((env) => env.name));
    this.policy = createPolicy(method, environments, this.closedSessions);
  }

  /**
   * An update drain's session window ended for these environments: a sticky cookie naming
   * one is no longer honoured; its client is split by the ratio and re-pinned.
   */
  closeSessions(names: readonly string[]): void {
    // Unchanged: keep the policy, and with it the round robin's position (a worker's phase).
    if (names.length === this.closedSessions.size && names.every((name) => this.closedSessions.has(name))) return;
    this.closedSessions = new Set(names);
    this.policy = createPolicy(this.method, this.environments, this.closedSessions);
  }

  get sticky(): boolean {
    return this.method === 'sticky';
  }

  /** Makes `steps` picks nobody receives: a proxy worker's starting offset (workers/routing-phase.ts). */
  advance(steps: number): void {
    for (let i = 0; i < steps; i++) this.policy.select(this.isUp, undefined);
  }

  /** Picks an environment, or undefined when none is up. `exclude` is one this request already failed on. */
  route(req: IncomingMessage, exclude?: string): string | undefined {
    const eligible: Eligible = exclude === undefined ? this.isUp : (name) => name !== exclude && this.health.isUp(name);
    const pin = requestedPin(req);
    if (pin !== undefined && this.known.has(pin) && eligible(pin)) return pin;
    const sticky = this.method === 'sticky' ? readCookie(req.headers.cookie, STICKY_COOKIE) : undefined;
    return this.policy.select(eligible, sticky);
  }

  /**
   * Why `chosen` (the first attempt's environment) took this request, for its record: a
   * tester pin, a sticky cookie that was honoured, failover away from the primary, or the
   * ratio (the routing method's own pick). Asked only while recording.
   */
  reasonFor(req: IncomingMessage, chosen: string): RouteReason {
    if (requestedPin(req) === chosen) return 'pin';
    if (this.method === 'sticky' && !this.closedSessions.has(chosen) && readCookie(req.headers.cookie, STICKY_COOKIE) === chosen) return 'sticky';
    if (this.method === 'failover' && chosen !== this.environments.find((env) => env.weight > 0)?.name) return 'failover';
    return 'ratio';
  }

  /**
   * The Set-Cookie value that pins a sticky client to `chosen`, when it is not pinned there
   * yet. Tester-pinned requests leave the sticky cookie alone: a peek at Green must not move
   * the tester's session.
   */
  stickyCookieFor(req: IncomingMessage, chosen: string): string | undefined {
    if (this.method !== 'sticky' || requestedPin(req) === chosen) return undefined;
    return readCookie(req.headers.cookie, STICKY_COOKIE) === chosen ? undefined : stickyCookie(chosen, overTls(req));
  }

  /** The pin cookie a `?turnout-env=` link sets (or clears), so the whole page follows it. */
  pinCookieFor(req: IncomingMessage): string | undefined {
    return pinCookieFor(req, this.known);
  }
}
