import type { DataPlaneKind } from '../../../../shared/domain/data-plane-mode';

export interface EngineBadge {
  text: string;
  title: string;
  /** External engines stand out (they cannot pause, nginx reloads); extra workers are plain information. */
  tone: 'plane' | 'plain';
}

/**
 * The header's note on the engine: nothing for the default (Turnout's proxy in its own
 * process), the engine's name for an external one, the worker count when the embedded proxy
 * runs in several processes, since that changes how the ratio is kept (per worker).
 */
export function engineBadge(kind: DataPlaneKind, workers: number): EngineBadge | null {
  if (kind !== 'embedded') return { text: kind, title: 'The engine that carries the traffic', tone: 'plane' };
  if (workers <= 1) return null;
  return {
    text: `embedded · ${workers} workers`,
    title: `Turnout's proxy runs as ${workers} worker processes behind one listen address, to use more CPU cores. Each worker splits its own requests exactly by the ratio.`,
    tone: 'plain',
  };
}
