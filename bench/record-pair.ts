/**
 * Issue 16's figure: what recording costs the proxy per request, `turnout` (recording, the
 * default) against `turnout-no-record`, both already warm. The main rounds (4 s each, every
 * target) are too few and too long for a few per cent on a shared VM, so this pair gets its
 * own many short rounds, alternating which goes first; each round's ratio compares two runs
 * seconds apart, and the median of those ratios is the figure, with the middle half and the
 * min–max beside it.
 */
import { median, type LiveTarget, type Sample } from './measure';
import { measureInRounds, type Plan } from './rounds';

export interface PairSummary {
  /** Median of the per-round CPU-per-request ratios (on ÷ off). */
  ratio: number;
  /** The middle half of the per-round ratios (25th and 75th percentile), and the extremes. */
  q1: number;
  q3: number;
  min: number;
  max: number;
  rounds: number;
  /** Median CPU µs per request of each side. */
  onUs: number;
  offUs: number;
}

/** The value below which `p` (0–1) of the sorted values lie, interpolated. */
export function quantile(values: readonly number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  const at = (sorted.length - 1) * p;
  const low = Math.floor(at);
  return sorted[low]! + (sorted[Math.min(low + 1, sorted.length - 1)]! - sorted[low]!) * (at - low);
}

/** Per-round ratios of two targets measured in the same rounds (sample i of each in round i). */
export function summarizePair(on: readonly Sample[], off: readonly Sample[]): PairSummary {
  if (on.length === 0 || on.length !== off.length) throw new Error(`the pair needs the same number of rounds on each side (got ${on.length} and ${off.length})`);
  const ratios = on.map((sample, i) => sample.cpuUsPerRequest / off[i]!.cpuUsPerRequest);
  return {
    ratio: median(ratios),
    q1: quantile(ratios, 0.25),
    q3: quantile(ratios, 0.75),
    min: Math.min(...ratios),
    max: Math.max(...ratios),
    rounds: ratios.length,
    onUs: median(on.map((sample) => sample.cpuUsPerRequest)),
    offUs: median(off.map((sample) => sample.cpuUsPerRequest)),
  };
}

export async function measureRecordingPair(on: LiveTarget, off: LiveTarget, plan: Plan, signal?: AbortSignal): Promise<PairSummary> {
  const [withRecording, without] = await measureInRounds([on, off], plan, signal);
  return summarizePair(withRecording!.samples, without!.samples);
}

export function describePair(pair: PairSummary, seconds: number): string {
  const f = (n: number): string => n.toFixed(3);
  return (
    `recording on ÷ off, CPU per request: ${f(pair.ratio)}× (middle half ${f(pair.q1)}–${f(pair.q3)}, min–max ${f(pair.min)}–${f(pair.max)}; ` +
    `${pair.rounds} interleaved rounds × ${seconds} s; ${pair.onUs.toFixed(1)} vs ${pair.offUs.toFixed(1)} µs) · target ≤ 1.05×: ${pair.ratio <= 1.05 ? 'met' : 'NOT met'}`
  );
}
