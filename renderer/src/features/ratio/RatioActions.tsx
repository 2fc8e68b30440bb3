import { selectApplyError, selectApplying, selectCanApply } from '../../store/selectors';
import { useTurnout } from '../../store/store-context';

/** Apply sends the draft; Reset goes back to following the applied ratio. */
export function RatioActions() {
  const canApply = useTurnout(selectCanApply);
  const applying = useTurnout(selectApplying);
  const hasDraft = useTurnout((s) => s.draft !== null);
  const error = useTurnout(selectApplyError);
  const applyDraft = useTurnout((s) => s.applyDraft);
  const resetDraft = useTurnout((s) => s.resetDraft);

  return (
    <>
      <div className="actions">
        <button type="button" className="button button-primary" disabled={!canApply} onClick={() => void applyDraft()}>
          {applying ? 'Applying…' : 'Apply'}
        </button>
        <button type="button" className="button" disabled={!hasDraft || applying} onClick={resetDraft}>
          Reset
        </button>
      </div>
      {error && (
        <p className="alert" role="alert">
          Could not apply the ratio: {error}
        </p>
      )}
    </>
  );
}
