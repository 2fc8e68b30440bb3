import type { EnvironmentMetrics, MetricsSample } from '../../../shared/contract/metrics';
import { METRICS_HISTORY_SECONDS } from '../../../shared/contract/metrics';
import type { Health, ProbeResult } from '../../../shared/contract/state';
import type { EnvironmentStatus } from '../data-plane';
import { DrainWatch } from '../drain-watch';
import type { HealthChange } from '../health/health-monitor';
import { prometheusText } from '../metrics/prometheus';
import type { ServerStat } from './haproxy-runtime';

const ZERO_LATENCY = { p50: 0, p90: 0, p99: 0, max: 0 };

/**
 * Turns an engine's own counters (polled) into what views read from the embedded proxy:
 * status, health transitions, one-second samples and Prometheus text. Latency percentiles
 * are not in the engines' counters, so they read 0 here (docs/external-data-planes.md).
 */
export class StatsTracker {
  private stats = new Map<string, ServerStat>();
  private weights = new Map<string, number>();
  private previous = new Map<string, ServerStat>();
  private readonly series: MetricsSample[] = [];
  private readonly healthListeners = new Set<(change: HealthChange) => void>();
  private readonly sampleListeners = new Set<(sample: MetricsSample) => void>();
  /** False while the engine cannot be read: its last counters are stale, so nothing counts as drained. */
  private connected = true;
  readonly drains = new DrainWatch((name) => this.isDrained(name));

  constructor(private readonly onLiveChange: () => void) {}

  setWeights(weights: ReadonlyMap<string, number>): void {
    this.weights = new Map(weights);
    this.drains.check();
  }

  /** Whether the engine's counters can be read now (an attached HAProxy's socket may go away). */
  setConnected(connected: boolean): void {
    this.connected = connected;
    this.drains.check();
  }

  /** A fresh poll: reports health transitions and live changes. */
  update(rows: readonly ServerStat[]): void {
    const next = new Map(rows.map((row) => [row.server, row]));
    let changed = false;
    for (const [name, row] of next) {
      const old = this.stats.get(name);
      const before = old ? healthOf(old) : 'unknown';
      const after = healthOf(row);
      if (before !== after) for (const listener of this.healthListeners) listener({ name, before, after, reason: `engine check: ${row.checkStatus || row.status}`, at: Date.now() });
      if (!old || old.current !== row.current || old.total !== row.total || before !== after) changed = true;
    }
    this.stats = next;
    this.drains.check();
    if (changed) this.onLiveChange();
  }

  /** Closes a one-second sample from the counters' growth since the last one. */
  sample(): MetricsSample {
    const environments: Record<string, EnvironmentMetrics> = {};
    for (const [name, row] of this.stats) {
      const before = this.previous.get(name);
      const rps = before ? Math.max(0, row.total - before.total) : 0;
      const failed = before ? row.errors - before.errors + row.responses[4] - before.responses[4] : 0;
      const [r1, r2, r3, r4, r5] = row.responses;
      environments[name] = {
        requests: row.total,
        rps,
        responses: { '1xx': r1, '2xx': r2, '3xx': r3, '4xx': r4, '5xx': r5 },
        errors: row.errors,
        retries: 0,
        errorRate: rps > 0 ? Math.min(1, failed / rps) : 0,
        latencyMs: ZERO_LATENCY,
        inFlight: row.current,
        openWebSockets: 0,
      };
    }
    this.previous = new Map(this.stats);
    const sample = { at: Date.now(), environments };
    this.series.push(sample);
    if (this.series.length > METRICS_HISTORY_SECONDS) this.series.shift();
    for (const listener of this.sampleListeners) listener(sample);
    return sample;
  }

  status(name: string): EnvironmentStatus {
    const row = this.stats.get(name);
    return {
      health: row ? healthOf(row) : 'unknown',
      // Stale counters are no new probe: a verify must not count good probes it did not see.
      lastProbe: row && this.connected ? probeOf(row) : null,
      inFlight: row?.current ?? 0,
      openWebSockets: 0,
      openStreams: 0,
      requests: row?.total ?? 0,
      drained: this.isDrained(name),
    };
  }

  onHealthChange(listener: (change: HealthChange) => void): () => void {
    this.healthListeners.add(listener);
    return () => this.healthListeners.delete(listener);
  }

  onSample(listener: (sample: MetricsSample) => void): () => void {
    this.sampleListeners.add(listener);
    return () => this.sampleListeners.delete(listener);
  }

  latest(): MetricsSample | null {
    return this.series.at(-1) ?? null;
  }

  allSamples(): MetricsSample[] {
    return [...this.series];
  }

  prometheus(): string {
    return prometheusText(
      [...this.weights].map(([name, weight]) => {
        const row = this.stats.get(name);
        const [r1, r2, r3, r4, r5] = row?.responses ?? [0, 0, 0, 0, 0];
        return {
          name,
          weight,
          health: row ? healthOf(row) : 'unknown',
          requests: row?.total ?? 0,
          responses: { '1xx': r1, '2xx': r2, '3xx': r3, '4xx': r4, '5xx': r5 },
          errors: row?.errors ?? 0,
          retries: 0,
          inFlight: row?.current ?? 0,
          openWebSockets: 0,
          openStreams: 0,
          latency: { count: 0, sumSeconds: 0, p50: 0, p90: 0, p99: 0 },
        };
      }),
    );
  }

  private isDrained(name: string): boolean {
    return this.connected && this.weights.get(name) === 0 && (this.stats.get(name)?.current ?? 0) === 0;
  }
}

/** HAProxy's server status in Turnout's words; "no check" means checks are off. */
function healthOf(row: ServerStat): Health {
  if (row.status === 'no check') return 'unknown';
  return /^(UP|DRAIN|NOLB)/.test(row.status) ? 'up' : 'down';
}

function probeOf(row: ServerStat): ProbeResult | null {
  if (row.checkStatus === '') return null;
  // "UP 1/3" (going down, or just out of maint: HAProxy starts it barely up, with the check
  // result from before) and "DOWN 1/2" (going up) are not a verified server yet: only a
  // settled state with a good check counts as a good probe.
  const settled = !/\d+\/\d+/.test(row.status);
  const ok = settled && (row.checkStatus.startsWith('L7OK') || row.checkStatus.startsWith('L6OK') || row.checkStatus.startsWith('L4OK'));
  return {
    at: Date.now(),
    ok,
    ...(row.checkCode !== null ? { status: row.checkCode } : {}),
    ...(ok ? {} : { error: settled ? row.checkStatus : `${row.status}, last check ${row.checkStatus}` }),
    ms: row.checkDurationMs ?? 0,
  };
}
