import type { DataPlaneMode } from './data-plane-mode';

/**
 * How many proxy processes carry a profile's traffic. Absent means 1 (the proxy runs inside
 * Turnout's own process); external engines are 1 from Turnout's side, whatever threads they
 * run themselves. One place for that default, so the CLI, the state and the views agree.
 */
export function workersOf(mode: DataPlaneMode): number {
  return mode.kind === 'embedded' ? (mode.workers ?? 1) : 1;
}

/**
 * The embedded mode with `workers` proxy processes. One worker is written as no field at all,
 * so `--workers 1` stores exactly what a profile that never had workers stores, and the live
 * profile (which compares modes as JSON) does not restart an identical plane.
 */
export function embeddedWithWorkers(workers: number): DataPlaneMode {
  return workers === 1 ? { kind: 'embedded' } : { kind: 'embedded', workers };
}
