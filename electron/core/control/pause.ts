import { ContractError } from '../../../shared/contract/errors';
import type { ChangeSource } from '../../../shared/contract/state';
import { ListenError } from '../net/listen';
import type { HistoryLog } from './history-log';
import type { LiveProfile } from './live-profile';

export interface PauseDeps {
  live: LiveProfile | undefined;
  log: HistoryLog;
  /** The active profile's name, for the history entry. */
  profile: string;
  /** Pushes the new state to every view. */
  changed(): void;
}

/**
 * setPaused: pauses (stops accepting, in-flight requests finish) or resumes the embedded
 * proxy on the same address. Runtime only, nothing stored but the history entry; asking
 * for the state it is already in changes nothing and records nothing.
 */
export async function setPaused(deps: PauseDeps, paused: boolean, source: ChangeSource): Promise<void> {
  const { live } = deps;
  if (!live) throw new ContractError('UNAVAILABLE', 'the proxy is not running');
  if (live.paused === paused) return;
  try {
    await live.setPaused(paused);
  } catch (error) {
    if (error instanceof ListenError) throw new ContractError('CONFLICT', `cannot resume: ${error.message}; the proxy stays paused`);
    throw error;
  }
  deps.log.commit((record) => record({ source, kind: 'profile', action: paused ? 'pause' : 'resume', profile: deps.profile, before: { paused: !paused }, after: { paused } }));
  deps.changed();
}
