import type { ChangeSource } from './state';

/**
 * What a history entry is about. `ratio` and `undo` carry weights before → after;
 * `profile` and `preset` carry the changed item; `flow` and `health` are written by the
 * update flow and health checks with whatever before/after fits them.
 */
export type HistoryKind = 'ratio' | 'undo' | 'profile' | 'preset' | 'flow' | 'health';
export const HISTORY_KINDS: readonly HistoryKind[] = ['ratio', 'undo', 'profile', 'preset', 'flow', 'health'];

export interface HistoryEntry {
  /** Grows with every entry: the paging cursor. */
  id: number;
  /** ISO 8601 time. */
  at: string;
  source: ChangeSource;
  kind: HistoryKind;
  /** The profile it happened in (its name at the time). */
  profile: string;
  /** What exactly: "set", "preset 75:25", "create", "switch", "save"... */
  action: string;
  before: unknown;
  after: unknown;
}

export interface HistoryPage {
  entries: HistoryEntry[];
  /** Pass as `before` to get the next (older) page; null at the oldest entry. */
  nextBefore: number | null;
}
