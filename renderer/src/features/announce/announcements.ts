import type { FlowWait } from '../../../../shared/contract/flow';
import type { Health } from '../../../../shared/contract/state';
import { envTitle, waitHeadline } from '../flow/flow-text';

/** The little of the state a screen reader is told about; everything else (figures, ticks) is left out on purpose. */
export interface AnnounceInput {
  health: Readonly<Record<string, Health>>;
  /** What the running update waits for, or null. */
  wait: FlowWait | null;
}

/** The waits that need the person: the ones worth interrupting for. */
const WAITS_FOR_YOU = new Set<FlowWait['kind']>(['user', 'confirm-command', 'gate']);

/**
 * What changed between two states, in sentences to speak: an environment going down (or
 * back up), the update starting to wait for you. Metrics ticks give the same input again, so
 * they say nothing. Rollbacks and the update's end come as flow notices, whose toasts speak
 * for themselves.
 */
export function announcements(before: AnnounceInput | null, after: AnnounceInput): string[] {
  if (!before) return [];
  const said: string[] = [];
  for (const [name, health] of Object.entries(after.health)) {
    const was = before.health[name];
    if (was === undefined || was === health) continue;
    if (health === 'down') said.push(`${envTitle(name)} is down`);
    else if (health === 'up' && was === 'down') said.push(`${envTitle(name)} is up again`);
  }
  const wait = after.wait;
  if (wait && WAITS_FOR_YOU.has(wait.kind) && (before.wait?.kind !== wait.kind || before.wait.env !== wait.env)) {
    said.push(`Update waiting for you: ${waitHeadline(wait)}`);
  }
  return said;
}
