/**
 * One timed wrk run against one target with its CPU read around it (a sample), and the
 * summary of a target's samples: medians, plus min and max so the table shows the noise.
 */
import { treeCpuSeconds } from './proc-cpu';
import { runH2load } from './h2load';
import { runWrk, type WrkOptions } from './wrk';

/** A target that is up: where to send load, and whose process tree to charge for it. */
export interface LiveTarget {
  name: string;
  url: string;
  /** The proxy's pid, or the backend's for "direct". */
  pid: number;
  /** h2load for the HTTP/2 targets; wrk otherwise. */
  tool?: 'wrk' | 'h2load';
}

export interface Sample {
  rps: number;
  p50Ms: number;
  p99Ms: number;
  /** CPU time (user + system) of the target's process tree per request, in µs. */
  cpuUsPerRequest: number;
  errors: number;
}

export interface Measurement extends Sample {
  name: string;
  rpsMin: number;
  rpsMax: number;
  cpuMin: number;
  cpuMax: number;
  /** Summed over the runs, not a median: a single failed request makes the target suspect. */
  errors: number;
  runs: number;
  /** One per round, in round order: sample i of every target was taken in the same round. */
  samples: readonly Sample[];
}

export function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

/** One run of `seconds`; only this target's tree is read, so the idle ones never count. */
export async function sample(target: LiveTarget, options: WrkOptions, signal?: AbortSignal): Promise<Sample> {
  const before = treeCpuSeconds(target.pid);
  const result = target.tool === 'h2load' ? await runH2load(target.url, options, signal) : await runWrk(target.url, options, signal);
  const used = treeCpuSeconds(target.pid) - before;
  return { rps: result.rps, p50Ms: result.p50Ms, p99Ms: result.p99Ms, cpuUsPerRequest: (used * 1e6) / result.requests, errors: result.errors };
}

export function summarize(name: string, samples: readonly Sample[]): Measurement {
  const column = (key: keyof Sample): number[] => samples.map((s) => s[key]);
  const rps = column('rps');
  const cpu = column('cpuUsPerRequest');
  return {
    name,
    rps: median(rps),
    rpsMin: Math.min(...rps),
    rpsMax: Math.max(...rps),
    p50Ms: median(column('p50Ms')),
    p99Ms: median(column('p99Ms')),
    cpuUsPerRequest: median(cpu),
    cpuMin: Math.min(...cpu),
    cpuMax: Math.max(...cpu),
    errors: column('errors').reduce((sum, n) => sum + n, 0),
    runs: samples.length,
    samples,
  };
}
