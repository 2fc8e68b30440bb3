import type { TurnoutState } from '../../../shared/contract/state';
import { selectAppliedValue } from './selectors';
import type { SliceCreator } from './turnout-store';

export interface ServerSlice {
  /** The latest snapshot of the source of truth; null until the first one arrives. */
  server: TurnoutState | null;
  /** Set while (re)connecting: the server may have restarted, so the next snapshot is taken whatever its revision. */
  resync: boolean;
  /** Takes a snapshot unless it is older than the one held; returns whether it was taken. */
  receiveState(next: TurnoutState): boolean;
}

export const createServerSlice: SliceCreator<ServerSlice> = (set, get) => ({
  server: null,
  resync: true,
  receiveState(next) {
    const { server, resync, draft } = get();
    if (server && !resync && next.revision < server.revision) return false;
    // A pending draft survives outside changes, unless the environments changed under it
    // or the change made it come true.
    const sameEnvironments = server !== null && namesOf(server) === namesOf(next);
    const keepDraft = draft !== null && sameEnvironments && next.environments.length === 2 && draft !== selectAppliedValue({ server: next });
    set({ server: next, resync: false, ...(keepDraft ? {} : { draft: null }) });
    return true;
  },
});

function namesOf(state: TurnoutState): string {
  return state.environments.map((env) => env.name).join('\n');
}
