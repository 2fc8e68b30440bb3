import type { DataPlane } from '../data-plane';

/**
 * What LiveProfile needs of a data plane: the embedded proxy (DataPlane) or an external
 * engine Turnout drives (HaproxyPlane, NginxPlane), selected by the profile's `dataPlane`.
 */
export type PlaneLike = Pick<
  DataPlane,
  'start' | 'apply' | 'status' | 'onHealthChange' | 'whenDrained' | 'updateDrain' | 'metrics' | 'metricsSeries' | 'onMetrics' | 'prometheus' | 'listening' | 'proxyUrl' | 'stop'
> & {
  /**
   * A plane that can fail to apply a change it does not own the engine of (an attached
   * HAProxy) confirms each one: it resolves once applied and rejects otherwise, so the
   * change is stored only when it really is in force.
   */
  applyConfirmed?(config: Parameters<DataPlane['apply']>[0]): Promise<void>;
  /** What stops the engine from being steered right now (e.g. its socket went away); null: nothing. */
  readonly problem?: string | null;
};
