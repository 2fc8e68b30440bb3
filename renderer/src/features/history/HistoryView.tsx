import { useEffect } from 'react';
import { useShallow } from 'zustand/react/shallow';
import { selectCanUndo } from '../../store/selectors';
import { useTurnout } from '../../store/store-context';
import { HistoryItem } from './HistoryItem';

/** The timeline of changes, newest first, with paging and undo of the last ratio change. */
export function HistoryView() {
  const entries = useTurnout((s) => s.history);
  const status = useTurnout((s) => s.historyStatus);
  const error = useTurnout((s) => s.historyError);
  const hasOlder = useTurnout((s) => s.historyNext !== null);
  const canUndo = useTurnout(selectCanUndo);
  const undoing = useTurnout((s) => s.runningCommand === 'undo');
  const undoError = useTurnout((s) => (s.commandError?.command === 'undo' ? s.commandError.message : null));
  const connected = useTurnout((s) => s.connection === 'connected');
  const { loadHistory, loadOlderHistory, undo } = useTurnout(useShallow((s) => ({ loadHistory: s.loadHistory, loadOlderHistory: s.loadOlderHistory, undo: s.undo })));

  useEffect(() => {
    void loadHistory();
  }, [loadHistory]);

  return (
    <section className="history" aria-labelledby="history-title">
      <div className="view-head">
        <h2 id="history-title" className="section-title">
          History
        </h2>
        <button type="button" className="button" disabled={!canUndo || undoing || !connected} onClick={() => void undo()}>
          {undoing ? 'Undoing…' : 'Undo last ratio change'}
        </button>
      </div>
      {undoError && (
        <p className="alert" role="alert">
          Could not undo: {undoError}
        </p>
      )}
      {error && (
        <p className="alert" role="alert">
          Could not load the history: {error}
        </p>
      )}
      {entries.length === 0 ? (
        <p className="card muted">{status === 'loading' || status === 'idle' ? 'Loading the history…' : 'Nothing has changed yet.'}</p>
      ) : (
        <ol className="card timeline" aria-label="Changes, newest first">
          {entries.map((entry) => (
            <HistoryItem key={entry.id} entry={entry} />
          ))}
        </ol>
      )}
      {hasOlder && (
        <button type="button" className="button" disabled={status === 'loading'} onClick={() => void loadOlderHistory()}>
          {status === 'loading' ? 'Loading…' : 'Show older changes'}
        </button>
      )}
    </section>
  );
}
