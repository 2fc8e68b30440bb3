import { ContractError } from '../../../shared/contract/errors';
import type { HistoryEntry } from '../../../shared/contract/history';
import { validateWeights, type Weights } from '../../../shared/domain/ratio';
import type { ContractEventBus } from '../events';
import type { HealthChange } from '../health/health-monitor';
import type { NewHistoryEntry } from '../store/history-repository';
import type { Store } from '../store/store';

export type RecordEntry = (entry: NewHistoryEntry) => void;

/** Writes changes together with their history entries, and announces entries once they are stored. */
export class HistoryLog {
  constructor(
    private readonly store: Store,
    private readonly events: ContractEventBus,
  ) {}

  /**
   * Runs `work` in one transaction; entries it records are written in the same
   * transaction and emitted only after it commits, so no view hears of a change that
   * was rolled back.
   */
  commit<T>(work: (record: RecordEntry) => T): T {
    const written: HistoryEntry[] = [];
    const result = this.store.transaction(() => work((entry) => written.push(this.store.history.record(entry))));
    for (const entry of written) this.events.emit('history', entry);
    return result;
  }

  /**
   * A health transition, from source auto. The first verdict after start (unknown → up) is
   * not news: only real changes are kept.
   */
  recordHealth(change: HealthChange, profile: string): void {
    if (change.before === 'unknown') return;
    const { name, before, after, reason } = change;
    this.commit((record) => record({ source: 'auto', kind: 'health', action: reason, profile, before: { [name]: before }, after: { [name]: after } }));
  }

  canUndo(profile: string): boolean {
    return this.store.history.lastUndoable(profile) !== undefined;
  }

  /** What undo would do: the weights before the last ratio change not yet undone. */
  undoTarget(profile: string, names: readonly string[]): { id: number; weights: Weights } {
    const entry = this.store.history.lastUndoable(profile);
    if (!entry) throw new ContractError('CONFLICT', `nothing to undo: no ratio change in profile "${profile}"`);
    try {
      return { id: entry.id, weights: validateWeights(entry.before as Weights, names) };
    } catch {
      throw new ContractError('CONFLICT', `cannot undo: the environments of "${profile}" changed since that ratio change`);
    }
  }
}
