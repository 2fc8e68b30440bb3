import type { MetricsSample } from '../../../shared/contract/metrics';
import type { EnvironmentStatus } from '../data-plane';
import type { HealthChange } from '../health/health-monitor';
import { StatsTracker } from './stats-tracker';

/**
 * What every external engine's plane reads from the engine's own counters (StatsTracker):
 * live status, health changes, drains and metrics. The planes differ only in how they
 * drive the engine (EnginePlane runs one, HaproxyAttachPlane steers one already running).
 */
export abstract class TrackedPlane {
  protected readonly tracker: StatsTracker;

  constructor(onLiveChange: () => void) {
    this.tracker = new StatsTracker(onLiveChange);
  }

  status(name: string): EnvironmentStatus {
    return this.tracker.status(name);
  }

  onHealthChange(listener: (change: HealthChange) => void): () => void {
    return this.tracker.onHealthChange(listener);
  }

  whenDrained(name: string, signal?: AbortSignal): Promise<void> {
    return this.tracker.drains.wait(name, signal);
  }

  metrics(): MetricsSample | null {
    return this.tracker.latest();
  }

  metricsSeries(): MetricsSample[] {
    return this.tracker.allSamples();
  }

  onMetrics(listener: (sample: MetricsSample) => void): () => void {
    return this.tracker.onSample(listener);
  }

  prometheus(): string {
    return this.tracker.prometheus();
  }
}
