import type { ChangeSource } from '../../../shared/contract/state';
import type { Profile } from '../../../shared/domain/profile';
import { sameWeights, type Weights } from '../../../shared/domain/ratio';
import type { Store } from '../store/store';
import type { HistoryLog } from './history-log';
import type { LiveProfile } from './live-profile';

/** What one ratio change touches: the running profile (read when stored), its live side, the log and the store. */
export interface RatioTarget {
  profile(): Profile;
  live: LiveProfile;
  log: HistoryLog;
  store: Store;
}

export interface RatioEntry {
  source: ChangeSource;
  kind: 'ratio' | 'undo';
  action: string;
  /** For an undo: the entry it takes back. */
  ref?: number;
}

/**
 * Stores and applies a ratio, then hands the profile with it to `changed` (not called when
 * nothing changed). With an engine that confirms changes (an attached HAProxy) it is applied
 * first and stored only once in force, so a refused change is the caller's error and never
 * history; otherwise it is stored, applied and handed over before this returns its promise,
 * with no await between: the flow runs it inside its own transaction and reads the new
 * ratio right after.
 */
export async function changeRatio(target: RatioTarget, after: Weights, entry: RatioEntry, changed: (next: Profile) => void): Promise<void> {
  const { live, log, store } = target;
  const before = weightsOf(target.profile());
  // An undo is recorded even when it changes nothing, so the next undo goes further back.
  if (entry.kind === 'ratio' && sameWeights(before, after)) return;
  const withWeights = (profile: Profile): Profile => ({ ...profile, environments: profile.environments.map((env) => ({ ...env, weight: after[env.name] ?? env.weight })) });
  // The flow confirms a step's ratio before it commits the step (flow/ratio-gate.ts): in force already, it is only stored.
  const inForce = live.inForce(after);
  const confirmed = live.confirmsChanges && !inForce;
  if (confirmed) await live.applyConfirmed(withWeights(target.profile()));
  const profile = target.profile();
  try {
    log.commit((record) => {
      store.profiles.saveWeights(profile.name, after);
      record({ source: entry.source, kind: entry.kind, action: entry.action, profile: profile.name, before, after, ...(entry.ref !== undefined ? { ref: entry.ref } : {}) });
    });
  } catch (error) {
    // Applied but not stored: put the engine back to what is stored (best effort).
    if (confirmed) await live.applyConfirmed(profile).catch(() => undefined);
    throw error;
  }
  const next = withWeights(profile);
  if (!confirmed && !inForce) live.apply(next);
  changed(next);
}

export function weightsOf(profile: Profile): Weights {
  return Object.fromEntries(profile.environments.map((env) => [env.name, env.weight]));
}
