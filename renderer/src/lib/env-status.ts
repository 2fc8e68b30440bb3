import type { EnvironmentView } from '../../../shared/contract/state';

/**
 * What an environment is doing, for colour and words. Draining and drained only mean
 * something at weight 0: a drain is "weight 0, let the in-flight work finish".
 */
export type EnvStatus = 'up' | 'down' | 'unknown' | 'draining' | 'drained';

export function envStatus(env: Pick<EnvironmentView, 'health' | 'weight' | 'inFlight' | 'openWebSockets'>): EnvStatus {
  if (env.health === 'down') return 'down';
  if (env.weight === 0) return env.inFlight > 0 || env.openWebSockets > 0 ? 'draining' : 'drained';
  return env.health;
}

export const STATUS_TEXT: Record<EnvStatus, string> = {
  up: 'Up',
  down: 'Down',
  unknown: 'Not checked',
  draining: 'Draining',
  drained: 'Drained',
};
