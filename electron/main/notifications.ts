import type { TurnoutState } from '../../shared/contract/state';

// Pure: which native notifications a change deserves. index.ts shows them (Electron's
// Notification); these decide, and are tested.

export interface DesktopNotification {
  /** Same key, same notification: a repeat replaces rather than stacks (used as the tag). */
  key: string;
  title: string;
  body: string;
}

/**
 * What changed between two states that the user should hear about with the window closed:
 * an environment that went down, an update that rolled back or failed. The first state
 * (prev undefined) and a profile switch compare nothing: those environments were never
 * "up" from the user's point of view.
 */
export function notificationsFor(prev: TurnoutState | undefined, next: TurnoutState): DesktopNotification[] {
  if (!prev || prev.profile.name !== next.profile.name) return [];
  return [...environmentsDown(prev, next), ...updateEnded(prev, next)];
}

function environmentsDown(prev: TurnoutState, next: TurnoutState): DesktopNotification[] {
  const before = new Map(prev.environments.map((env) => [env.name, env.health]));
  return next.environments
    .filter((env) => env.health === 'down' && before.has(env.name) && before.get(env.name) !== 'down')
    .map((env) => {
      const why = env.lastProbe?.error ?? (env.lastProbe?.status !== undefined ? `status ${env.lastProbe.status}` : undefined);
      const traffic = env.weight > 0 ? ' Its share of traffic goes to the healthy environments.' : '';
      return {
        key: `down:${next.profile.name}:${env.name}`,
        title: `${env.name} is down`,
        body: `${env.name} (${env.url}) failed its health check${why ? `: ${why}` : ''}.${traffic}`,
      };
    });
}

/** The running update (same run: same id) that just rolled back or failed. */
function updateEnded(prev: TurnoutState, next: TurnoutState): DesktopNotification[] {
  const flow = next.flow;
  if (!flow || prev.flow?.id !== flow.id || prev.flow.status !== 'running') return [];
  if (flow.status !== 'rolled-back' && flow.status !== 'failed') return [];
  const rolledBack = flow.status === 'rolled-back';
  const ratio = Object.values(flow.safeWeights).join(' … ');
  return [
    {
      key: `update:${flow.id}`,
      title: rolledBack ? 'Update rolled back' : 'Update failed',
      body: `${flow.reason ?? (rolledBack ? 'The update was rolled back' : 'A step failed')}.${rolledBack ? ` Traffic is back at ${ratio}.` : ''}`,
    },
  ];
}
