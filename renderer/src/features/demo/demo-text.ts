import type { DemoFaults } from '../../../../shared/contract/demo';

/** The error shares the card offers: healthy, noticeable, broken. */
export const ERROR_CHOICES = [0, 20, 50] as const;
/** What one click of "+ latency" adds: past a typical p99, well below the probe timeout. */
export const LATENCY_STEP_MS = 200;

/** "no faults", "+200 ms", "+200 ms, 20 % errors". */
export function faultsText(faults: DemoFaults): string {
  const parts = [];
  if (faults.latencyMs > 0) parts.push(`+${faults.latencyMs} ms`);
  if (faults.errorPercent > 0) parts.push(`${faults.errorPercent} % errors`);
  return parts.length > 0 ? parts.join(', ') : 'no faults';
}

/** The rate field's text as a request rate, or why not (same bounds as the contract). */
export function parseRps(text: string, max: number): { rps: number } | { error: string } {
  const trimmed = text.trim();
  if (!/^\d+$/.test(trimmed)) return { error: 'A whole number of requests per second' };
  const rps = Number(trimmed);
  return rps > max ? { error: `At most ${max} req/s` } : { rps };
}
