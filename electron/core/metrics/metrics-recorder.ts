import { METRICS_HISTORY_SECONDS, type MetricsSample } from '../../../shared/contract/metrics';
import { EnvironmentMeter } from './environment-meter';

/**
 * Every environment's meter plus the one-second series for charts. A single interval timer
 * closes each second; the request path never schedules anything.
 */
export class MetricsRecorder {
  private readonly meters = new Map<string, EnvironmentMeter>();
  private readonly history: MetricsSample[] = [];
  private timer: NodeJS.Timeout | undefined;
  private readonly listeners = new Set<(sample: MetricsSample) => void>();

  /** Keeps meters of environments still configured (counts survive a ratio change), drops the rest. */
  retain(names: readonly string[]): void {
    for (const name of names) if (!this.meters.has(name)) this.meters.set(name, new EnvironmentMeter());
    // A removed environment's meter is only detached: requests still running finish on it.
    for (const name of this.meters.keys()) if (!names.includes(name)) this.meters.delete(name);
  }

  /** The meter of a configured environment. Meters of removed environments are detached, not reused. */
  meter(name: string): EnvironmentMeter {
    let meter = this.meters.get(name);
    if (!meter) {
      meter = new EnvironmentMeter();
      this.meters.set(name, meter);
    }
    return meter;
  }

  has(name: string): boolean {
    return this.meters.has(name);
  }

  names(): string[] {
    return [...this.meters.keys()];
  }

  /** Closes a second every `intervalMs`, after `collect` brought in counts kept elsewhere (proxy workers). */
  start(intervalMs = 1000, collect?: () => Promise<void>): void {
    if (this.timer) return;
    this.timer = setInterval(() => {
      if (!collect) this.tick();
      else void collect().then(() => this.timer && this.tick());
    }, intervalMs);
    this.timer.unref();
  }

  stop(): void {
    clearInterval(this.timer);
    this.timer = undefined;
  }

  /** Closes the current second for every environment and appends the sample to the series. */
  tick(at = Date.now()): MetricsSample {
    const sample: MetricsSample = { at, environments: {} };
    for (const [name, meter] of this.meters) sample.environments[name] = meter.sample();
    this.history.push(sample);
    if (this.history.length > METRICS_HISTORY_SECONDS) this.history.shift();
    for (const listener of this.listeners) listener(sample);
    return sample;
  }

  latest(): MetricsSample | null {
    return this.history[this.history.length - 1] ?? null;
  }

  series(): MetricsSample[] {
    return [...this.history];
  }

  onSample(listener: (sample: MetricsSample) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }
}
