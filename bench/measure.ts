/** One target's measurement: a warm-up, then several timed wrk runs with CPU read around each; medians. */
import { treeCpuSeconds } from './proc-cpu';
import { runWrk, type WrkOptions } from './wrk';

export interface Measurement {
  name: string;
  rps: number;
  p50Ms: number;
  p99Ms: number;
  /** CPU time (user + system) of the measured process tree per request, in µs. */
  cpuUsPerRequest: number;
  errors: number;
  runs: number;
}

export interface Plan extends WrkOptions {
  runs: number;
  warmupSeconds: number;
}

export function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

/** Loads `url` and charges the CPU of the tree rooted at `pid` (the proxy, or the backend for "direct"). */
export async function measure(name: string, url: string, pid: number, plan: Plan): Promise<Measurement> {
  // Warm-up: JIT, connection pools and upstream keep-alive all settle before anything counts.
  await runWrk(url, { ...plan, seconds: plan.warmupSeconds });
  const rps: number[] = [];
  const p50: number[] = [];
  const p99: number[] = [];
  const cpu: number[] = [];
  let errors = 0;
  for (let i = 0; i < plan.runs; i++) {
    const before = treeCpuSeconds(pid);
    const result = await runWrk(url, plan);
    const used = treeCpuSeconds(pid) - before;
    rps.push(result.rps);
    p50.push(result.p50Ms);
    p99.push(result.p99Ms);
    cpu.push((used * 1e6) / result.requests);
    errors += result.errors;
  }
  return { name, rps: median(rps), p50Ms: median(p50), p99Ms: median(p99), cpuUsPerRequest: median(cpu), errors, runs: plan.runs };
}
