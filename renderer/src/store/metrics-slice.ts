import type { MetricsSample } from '../../../shared/contract/metrics';
import type { SliceCreator } from './turnout-store';

/** How many one-second samples the view keeps: five minutes, as the data plane does. */
export const METRICS_RING_SIZE = 300;

export interface MetricsSlice {
  /** Oldest first, at most METRICS_RING_SIZE; a new array on every change. */
  samples: MetricsSample[];
  /** Whether the initial series (getMetrics) has arrived. */
  metricsLoaded: boolean;
  receiveMetrics(sample: MetricsSample): void;
  /** The series a late-opened view starts from; keeps any newer samples already received. */
  loadMetrics(series: MetricsSample[]): void;
}

export const createMetricsSlice: SliceCreator<MetricsSlice> = (set, get) => ({
  samples: [],
  metricsLoaded: false,
  receiveMetrics(sample) {
    const samples = get().samples;
    if (samples.length > 0 && sample.at <= samples[samples.length - 1]!.at) return;
    set({ samples: appendBounded(samples, [sample]) });
  },
  loadMetrics(series) {
    const held = get().samples;
    const newestLoaded = series.length > 0 ? series[series.length - 1]!.at : -Infinity;
    set({ samples: appendBounded(series, held.filter((sample) => sample.at > newestLoaded)), metricsLoaded: true });
  },
});

function appendBounded(base: MetricsSample[], extra: MetricsSample[]): MetricsSample[] {
  const all = extra.length > 0 ? [...base, ...extra] : base.slice();
  return all.length > METRICS_RING_SIZE ? all.slice(all.length - METRICS_RING_SIZE) : all;
}
