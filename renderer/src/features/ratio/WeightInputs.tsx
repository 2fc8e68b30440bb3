import { useId, useState } from 'react';
import { useShallow } from 'zustand/react/shallow';
import { formatRatio, sameWeights } from '../../../../shared/domain/ratio';
import { selectAppliedWeights, selectEnvironmentNames } from '../../store/selectors';
import { useTurnout } from '../../store/store-context';
import { checkWeightDraft, draftFromWeights, type WeightDraft } from './weight-inputs';

/**
 * More than two environments: one weight each, checked as typed (whole numbers that make
 * 100). Like the slider it is a draft: nothing changes until Apply.
 */
export function WeightInputs() {
  const id = useId();
  const names = useTurnout(useShallow(selectEnvironmentNames));
  const applied = useTurnout(useShallow(selectAppliedWeights));
  const running = useTurnout((s) => s.runningCommand === 'weights');
  const error = useTurnout((s) => (s.commandError?.command === 'weights' ? s.commandError.message : null));
  const connected = useTurnout((s) => s.connection === 'connected');
  const applyWeights = useTurnout((s) => s.applyWeights);
  const [draft, setDraft] = useState<WeightDraft | null>(null);
  const shown = draft ?? draftFromWeights(applied, names);
  const check = checkWeightDraft(shown, names);
  const pending = draft !== null && !(check.weights && sameWeights(check.weights, applied));

  const apply = async (): Promise<void> => {
    if (check.weights && (await applyWeights(check.weights))) setDraft(null);
  };
  return (
    <form className="weights" onSubmit={(event) => (event.preventDefault(), void apply())} aria-describedby={`${id}-status`}>
      <div className="ratio-head">
        <h2 className="ratio-label">Traffic weights</h2>
        <span className={pending ? 'badge badge-pending' : 'badge'}>{pending ? 'Pending' : 'Applied'}</span>
      </div>
      <div className="weight-grid">
        {names.map((name) => (
          <label key={name} className="field">
            <span className="field-label">{name}</span>
            <input
              className="input input-number"
              inputMode="numeric"
              value={shown[name] ?? ''}
              aria-invalid={name in check.fieldErrors}
              aria-describedby={name in check.fieldErrors ? `${id}-${name}-error` : undefined}
              onChange={(event) => setDraft({ ...shown, [name]: event.currentTarget.value })}
            />
            {check.fieldErrors[name] && (
              <span id={`${id}-${name}-error`} className="field-error">
                {check.fieldErrors[name]}
              </span>
            )}
          </label>
        ))}
      </div>
      <p id={`${id}-status`} className={check.sumError ? 'field-error' : 'ratio-status'} role={check.sumError ? 'alert' : undefined}>
        {check.sumError ?? (pending ? `Pending ${Object.values(check.weights ?? {}).join(' … ')} · applied ${formatRatio(applied, names)}` : `Applied ${formatRatio(applied, names)}`)}
      </p>
      <div className="actions">
        <button type="submit" className="button button-primary" disabled={!pending || !check.weights || running || !connected}>
          {running ? 'Applying…' : 'Apply'}
        </button>
        <button type="button" className="button" disabled={draft === null || running} onClick={() => setDraft(null)}>
          Reset
        </button>
      </div>
      {error && (
        <p className="alert" role="alert">
          Could not apply the weights: {error}
        </p>
      )}
    </form>
  );
}
