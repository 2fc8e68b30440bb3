import { build, decodeFromCompressedBase64, encodeIntoCompressedBase64, type Histogram } from './hdr';
import type { EnvironmentMetrics } from '../../../shared/contract/metrics';
import type { MeterInterval } from '../../../shared/contract/workers';

type ResponseClass = keyof EnvironmentMetrics['responses'];
const CLASSES: readonly ResponseClass[] = ['1xx', '2xx', '3xx', '4xx', '5xx'];

function latencyHistogram(): Histogram {
  // Microseconds, 2 significant digits (1 % error) keep it small; it grows past 60 s if needed.
  return build({ lowestDiscernibleValue: 1, highestTrackableValue: 60_000_000, numberOfSignificantValueDigits: 2, autoResize: true });
}

/** Cumulative latency, for the Prometheus summary. */
export interface LatencyTotals {
  count: number;
  sumSeconds: number;
  p50: number;
  p90: number;
  p99: number;
}

/**
 * The live counters of one environment. The proxy bumps fields directly and records one
 * histogram value per response; everything else (rates, percentiles, merging the second's
 * histogram into the total) happens once a second in `sample`.
 */
export class EnvironmentMeter {
  requests = 0;
  readonly responses = [0, 0, 0, 0, 0];
  errors = 0;
  retries = 0;
  inFlight = 0;
  openWebSockets = 0;
  /** Event streams (SSE) being served now; they are in `inFlight` too. */
  openStreams = 0;
  private readonly second = latencyHistogram();
  private readonly total = latencyHistogram();
  private previous = { answered: 0, failed: 0, errors: 0 };
  private exported = { requests: 0, responses: [0, 0, 0, 0, 0], errors: 0, retries: 0 };

  /** One upstream response: its status class and how long the exchange took. */
  recordResponse(status: number, micros: number): void {
    const index = (status / 100) | 0;
    if (index >= 1 && index <= 5) this.responses[index - 1]!++;
    this.second.recordValue(micros < 1 ? 1 : Math.round(micros));
  }

  /** Closes the current second: rates and percentiles over it, then starts the next one. */
  sample(): EnvironmentMetrics {
    const answered = this.responses.reduce((a, b) => a + b, 0) + this.errors;
    const failed = this.responses[4]! + this.errors;
    const inSecond = answered - this.previous.answered;
    const failedInSecond = failed - this.previous.failed;
    this.previous = { answered, failed, errors: this.errors };
    const idle = this.second.totalCount === 0;
    const ms = (percentile: number): number => (idle ? 0 : this.second.getValueAtPercentile(percentile) / 1000);
    const latencyMs = { p50: ms(50), p90: ms(90), p99: ms(99), max: idle ? 0 : this.second.maxValue / 1000 };
    if (!idle) this.total.add(this.second);
    this.second.reset();
    const responses = Object.fromEntries(CLASSES.map((name, i) => [name, this.responses[i]!])) as EnvironmentMetrics['responses'];
    return {
      requests: answered,
      rps: inSecond,
      responses,
      errors: this.errors,
      retries: this.retries,
      errorRate: inSecond === 0 ? 0 : failedInSecond / inSecond,
      latencyMs,
      inFlight: this.inFlight,
      openWebSockets: this.openWebSockets,
    };
  }

  /**
   * A worker's side: the increments since the previous call, and the latencies recorded
   * meanwhile (the worker never calls `sample`, so its second histogram is the interval's).
   */
  exportInterval(): MeterInterval {
    const was = this.exported;
    this.exported = { requests: this.requests, responses: [...this.responses], errors: this.errors, retries: this.retries };
    const latency = this.second.totalCount === 0 ? '' : encodeIntoCompressedBase64(this.second);
    this.second.reset();
    return {
      requests: this.requests - was.requests,
      responses: this.responses.map((count, i) => count - was.responses[i]!),
      errors: this.errors - was.errors,
      retries: this.retries - was.retries,
      latency,
    };
  }

  /** The primary's side: adds one worker's interval to these counters and to the current second. */
  importInterval(interval: MeterInterval): void {
    this.requests += interval.requests;
    interval.responses.forEach((count, i) => {
      if (i < this.responses.length) this.responses[i]! += count;
    });
    this.errors += interval.errors;
    this.retries += interval.retries;
    if (interval.latency !== '') this.second.add(decodeFromCompressedBase64(interval.latency));
  }

  /** Latency since start, up to the last closed second. */
  latencyTotals(): LatencyTotals {
    const count = this.total.totalCount;
    const seconds = (percentile: number): number => (count === 0 ? 0 : this.total.getValueAtPercentile(percentile) / 1e6);
    return { count, sumSeconds: (this.total.mean * count) / 1e6, p50: seconds(50), p90: seconds(90), p99: seconds(99) };
  }
}
