import type { MetricsSample } from '../../../../shared/contract/metrics';

/**
 * uPlot's aligned data from the sample ring: x in epoch seconds, then one req/s series per
 * environment (0 where a sample lacks it, e.g. right after the environments changed).
 */
export function chartData(samples: readonly MetricsSample[], names: readonly string[]): [number[], ...number[][]] {
  const xs = samples.map((sample) => sample.at / 1000);
  const series = names.map((name) => samples.map((sample) => sample.environments[name]?.rps ?? 0));
  return [xs, ...series];
}

/** Chart height for a width: a wide window gets a calmer aspect ratio. */
export function chartHeight(width: number): number {
  return Math.round(Math.min(260, Math.max(160, width * 0.28)));
}
