import type http from 'node:http';
import type { ShadowSampling } from '../../../shared/contract/workers';
import { hasRequestBody } from '../proxy/forwarding';

/**
 * Where a shadow's requests are picked: in the process that serves them (the in-process
 * proxy, or each proxy worker), at routing time, so the pair can be the client's real answer
 * (tapped as it streams to the client) and the shadow's. O(1) and allocation-free for every
 * request; `pick` returns the shadow run the request belongs to, or 0.
 */
export class ShadowSampler {
  /** The running shadow's number (0: none): a record carries it, so a stopped run's pairs never count in the next. */
  private run = 0;
  private environment = '';
  private percent = 0;
  /** Exactly `percent` % of the eligible requests, evenly spread (every fifth at 20 %), per process. */
  private credit = 0;

  configure(sampling: ShadowSampling | null): void {
    if (sampling === null) {
      this.run = 0;
      return;
    }
    if (sampling.run !== this.run) this.credit = 0;
    this.run = sampling.run;
    this.environment = sampling.environment;
    this.percent = sampling.percent;
  }

  get active(): boolean {
    return this.run !== 0;
  }

  /**
   * GET or HEAD without a body, not served by the shadow itself, not a copy already
   * (X-Turnout-Shadow): counted towards the share; returns the run when this one is a sample.
   */
  pick(req: http.IncomingMessage, environment: string): number {
    if (this.run === 0 || environment === this.environment) return 0;
    const method = req.method;
    if ((method !== 'GET' && method !== 'HEAD') || req.headers['x-turnout-shadow'] !== undefined || hasRequestBody(req)) return 0;
    this.credit += this.percent;
    if (this.credit < 100) return 0;
    this.credit -= 100;
    return this.run;
  }
}
