/** Live traffic figures of one environment, as pushed once a second and kept as a series. */
export interface EnvironmentMetrics {
  /** Requests answered (any status) since the data plane started. */
  requests: number;
  /** Requests per second over the last second. */
  rps: number;
  responses: { '1xx': number; '2xx': number; '3xx': number; '4xx': number; '5xx': number };
  /** Requests that failed in the proxy (upstream refused, reset or timed out). */
  errors: number;
  /** Requests retried on another environment after a connect failure. */
  retries: number;
  /** Share of the last second's requests that were proxy errors or 5xx, 0…1. */
  errorRate: number;
  /** Upstream latency over the last second, in milliseconds (0 when idle). */
  latencyMs: { p50: number; p90: number; p99: number; max: number };
  inFlight: number;
  openWebSockets: number;
}

/** One second of the whole data plane. */
export interface MetricsSample {
  /** Epoch milliseconds at the end of the second. */
  at: number;
  environments: Record<string, EnvironmentMetrics>;
}

/** How many one-second samples the data plane keeps (for charts opened late). */
export const METRICS_HISTORY_SECONDS = 300;
