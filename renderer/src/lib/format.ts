/**
 * Number formatting for live figures. Every function returns a short string of steady
 * width, so cells set in tabular-nums do not jump as data streams in.
 */

/** "0", "8.4", "93", "1.2k", "12k". */
export function formatRps(rps: number): string {
  if (!Number.isFinite(rps) || rps <= 0) return '0';
  if (rps < 10) return rps.toFixed(1).replace(/\.0$/, '');
  if (rps < 1000) return String(Math.round(rps));
  if (rps < 10_000) return `${(rps / 1000).toFixed(1).replace(/\.0$/, '')}k`;
  return `${Math.round(rps / 1000)}k`;
}

/** A 0…1 share as "0 %", "0.5 %", "12 %". */
export function formatErrorRate(rate: number): string {
  if (!Number.isFinite(rate) || rate <= 0) return '0 %';
  const percent = rate * 100;
  if (percent < 10) return `${percent.toFixed(1).replace(/\.0$/, '')} %`;
  return `${Math.round(percent)} %`;
}

/** Latency: "–" when idle, "0.4 ms", "12 ms", "1.3 s". */
export function formatMs(ms: number): string {
  if (!Number.isFinite(ms) || ms <= 0) return '–';
  if (ms < 10) return `${ms.toFixed(1).replace(/\.0$/, '')} ms`;
  if (ms < 1000) return `${Math.round(ms)} ms`;
  return `${(ms / 1000).toFixed(1).replace(/\.0$/, '')} s`;
}

/** "12:04:31" in the viewer's time zone. */
export function formatClock(at: number | string): string {
  const date = new Date(at);
  return date.toLocaleTimeString('en-GB', { hour: '2-digit', minute: '2-digit', second: '2-digit' });
}

/** "3 s ago", "2 min ago": how old a probe result is. */
export function formatAge(at: number, now: number): string {
  const seconds = Math.max(0, Math.round((now - at) / 1000));
  if (seconds < 60) return `${seconds} s ago`;
  const minutes = Math.round(seconds / 60);
  if (minutes < 60) return `${minutes} min ago`;
  return `${Math.round(minutes / 60)} h ago`;
}
