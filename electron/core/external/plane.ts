import type { DataPlane } from '../data-plane';

/**
 * What LiveProfile needs of a data plane: the embedded proxy (DataPlane) or an external
 * engine Turnout drives (HaproxyPlane, NginxPlane), selected by the profile's `dataPlane`.
 */
export type PlaneLike = Pick<
  DataPlane,
  'start' | 'apply' | 'status' | 'onHealthChange' | 'whenDrained' | 'updateDrain' | 'metrics' | 'metricsSeries' | 'onMetrics' | 'prometheus' | 'listening' | 'proxyUrl' | 'stop'
>;
