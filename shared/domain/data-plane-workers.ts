import { MAX_WORKERS, type DataPlaneMode } from './data-plane-mode';

/** What `--workers` / `dataPlane.workers` may say: a count, or one per CPU core. */
export type WorkersSetting = number | 'auto';

/**
 * How many proxy processes carry a profile's traffic on a machine with `cores` CPU cores.
 * Absent means 1 (the proxy runs inside Turnout's own process); `auto` one per core (at
 * most MAX_WORKERS); external engines are 1 from Turnout's side, whatever threads they run
 * themselves. One place for these rules, so the plane, the state and the views agree.
 */
export function workersOf(mode: DataPlaneMode, cores: number): number {
  if (mode.kind !== 'embedded') return 1;
  if (mode.workers === 'auto') return Math.max(1, Math.min(cores, MAX_WORKERS));
  return mode.workers ?? 1;
}

/** The stored setting in words, for a view that does not know the server's core count. */
export function describeWorkers(mode: DataPlaneMode): string | null {
  if (mode.kind !== 'embedded' || mode.workers === undefined || mode.workers === 1) return null;
  return mode.workers === 'auto' ? 'a worker process per CPU core' : `${mode.workers} worker processes`;
}

/**
 * The embedded mode with `workers` proxy processes. One worker is written as no field at all,
 * so `--workers 1` stores exactly what a profile that never had workers stores, and the live
 * profile (which compares modes as JSON) does not restart an identical plane.
 */
export function embeddedWithWorkers(workers: WorkersSetting): DataPlaneMode {
  return workers === 1 ? { kind: 'embedded' } : { kind: 'embedded', workers };
}
