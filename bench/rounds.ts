/**
 * The schedule: every target is already up; each is warmed up once, then `runs` rounds
 * measure every target once. The VM's speed drifts within minutes, so measuring target by
 * target in blocks would fold that drift into the ratios between them; interleaving spreads
 * it over all targets alike. Each round starts one target further (round r at target
 * r mod n), so each target takes every position in turn instead of always running first.
 */
import { sample, summarize, type LiveTarget, type Measurement, type Sample } from './measure';
import type { WrkOptions } from './wrk';

export interface Plan extends WrkOptions {
  runs: number;
  warmupSeconds: number;
}

/** Indices of `n` targets in the order round `round` (0-based) measures them. */
export function rotation(n: number, round: number): number[] {
  return Array.from({ length: n }, (_, i) => (round + i) % n);
}

/** Measures every target `plan.runs` times, interleaved; rows come back in the targets' order. */
export async function measureInRounds(targets: readonly LiveTarget[], plan: Plan, signal?: AbortSignal): Promise<Measurement[]> {
  for (const target of targets) {
    // Warm-up: JIT, connection pools and upstream keep-alive all settle before anything counts.
    await sample(target, { ...plan, seconds: plan.warmupSeconds }, signal);
  }
  const samples = targets.map((): Sample[] => []);
  for (let round = 0; round < plan.runs; round++) {
    const line: string[] = [];
    for (const i of rotation(targets.length, round)) {
      const result = await sample(targets[i]!, plan, signal);
      samples[i]!.push(result);
      line.push(`${targets[i]!.name} ${Math.round(result.rps)} rps/${result.cpuUsPerRequest.toFixed(1)} µs`);
    }
    // One line per round, in measuring order, so drift across the run is visible as it happens.
    console.log(`- round ${round + 1}/${plan.runs}: ${line.join(' · ')}`);
  }
  return targets.map((target, i) => summarize(target.name, samples[i]!));
}
