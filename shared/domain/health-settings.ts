import { z } from 'zod';
import { inspectSettingsSchema } from './inspect-settings';

const int = (min: number, max: number) => z.number().int('must be a whole number').min(min, `must be at least ${min}`).max(max, `must be at most ${max}`);

/**
 * Health checking for one environment. Active probes decide up/down with rise/fall
 * thresholds; passive tracking marks an environment down at once on connection errors
 * (and, if set, after N consecutive 5xx answers), and active probes bring it back.
 * Defaults follow the nginx upstream check module Traffic Distributor used: 2 s timeout,
 * fall 3, rise 2; the interval is short because this is a workstation, not a fleet.
 */
export const healthCheckSchema = z
  .object({
    enabled: z.boolean().default(true),
    method: z.enum(['GET', 'HEAD']).default('GET'),
    path: z.string().regex(/^\/\S*$/, 'must start with / and contain no spaces').default('/'),
    expectStatusMin: int(100, 599).default(200),
    expectStatusMax: int(100, 599).default(399),
    intervalMs: int(100, 3_600_000).default(2000),
    timeoutMs: int(50, 60_000).default(2000),
    rise: int(1, 20).default(2),
    fall: int(1, 20).default(3),
    /** Consecutive 5xx answers that mark the environment down; 0 turns this off. */
    passive5xx: int(0, 1000).default(0),
  })
  .refine((check) => check.expectStatusMin <= check.expectStatusMax, { message: 'expected status range is empty', path: ['expectStatusMax'] });

export type HealthCheck = z.infer<typeof healthCheckSchema>;

export const upstreamTlsSchema = z.object({
  /** Accept a self-signed certificate from this environment (local HTTPS dev servers). Off unless asked. */
  allowSelfSigned: z.boolean().default(false),
});

/** Settings of the proxy itself, per profile. */
export const proxySettingsSchema = z.object({
  /** Tag responses with `X-Served-By: <environment>`. */
  servedByHeader: z.boolean().default(true),
  connectTimeoutMs: int(100, 120_000).default(5000),
  /** Time allowed for the upstream's response headers. */
  responseTimeoutMs: int(100, 3_600_000).default(60_000),
  /** A client or upstream socket with no traffic for this long is closed. */
  idleTimeoutMs: int(1000, 3_600_000).default(120_000),
  /**
   * How long a client's kept-alive connection may sit idle between requests (nginx's
   * keepalive_timeout is 75 s). Node's own 5 s is shorter than browsers and most clients
   * keep theirs, so a client's next request could race the proxy closing the connection.
   */
  clientKeepAliveTimeoutMs: int(1000, 3_600_000).default(75_000),
  /** The request inspector: records, redaction, bodies, access log (inspect-settings.ts). */
  inspect: inspectSettingsSchema.prefault({}),
});

export type ProxySettings = z.infer<typeof proxySettingsSchema>;
