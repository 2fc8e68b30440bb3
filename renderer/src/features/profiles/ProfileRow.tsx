import { useState } from 'react';
import { useShallow } from 'zustand/react/shallow';
import type { ProfileSummary } from '../../../../shared/contract/methods';
import type { Profile } from '../../../../shared/domain/profile';
import { errorText } from '../../store/error-text';
import { useTurnout } from '../../store/store-context';

/** One profile in the list, with what can be done to it. */
export function ProfileRow({ summary, onEdit }: { summary: ProfileSummary; onEdit(profile: Profile): void }) {
  const actions = useTurnout(
    useShallow((s) => ({ switchProfile: s.switchProfile, getProfileDetail: s.getProfileDetail, duplicateProfile: s.duplicateProfile, deleteProfile: s.deleteProfile })),
  );
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [confirmDelete, setConfirmDelete] = useState(false);
  const [copyName, setCopyName] = useState<string | null>(null);

  const run = async (work: () => Promise<unknown>): Promise<void> => {
    setBusy(true);
    setError(null);
    try {
      await work();
    } catch (failure) {
      setError(errorText(failure));
    } finally {
      setBusy(false);
    }
  };
  const label = `profile ${summary.name}`;
  return (
    <li className={summary.active ? 'card profile profile-active' : 'card profile'} aria-label={label}>
      <div className="profile-main">
        <strong className="profile-name">{summary.name}</strong>
        {summary.active && <span className="badge badge-active">active</span>}
        {summary.demo && <span className="badge">demo</span>}
        <span className="muted profile-meta">
          {summary.listen} · {summary.routing} · {Object.values(summary.weights).join(' … ')}
        </span>
      </div>
      <div className="profile-actions">
        {!summary.active && (
          <button type="button" className="button button-primary button-small" disabled={busy} onClick={() => void run(() => actions.switchProfile(summary.name))}>
            Switch to
          </button>
        )}
        <button type="button" className="button button-small" disabled={busy} onClick={() => void run(async () => onEdit((await actions.getProfileDetail(summary.name)).profile))}>
          Edit
        </button>
        <button type="button" className="button button-small" disabled={busy} onClick={() => setCopyName(`${summary.name} copy`)}>
          Duplicate
        </button>
        {!summary.active &&
          (confirmDelete ? (
            <button type="button" className="button button-small button-danger" disabled={busy} onClick={() => void run(() => actions.deleteProfile(summary.name))}>
              Really delete
            </button>
          ) : (
            <button type="button" className="button button-small" disabled={busy} onClick={() => setConfirmDelete(true)}>
              Delete
            </button>
          ))}
      </div>
      {copyName !== null && (
        <form
          className="inline-form"
          onSubmit={(event) => {
            event.preventDefault();
            void run(async () => {
              await actions.duplicateProfile(summary.name, copyName);
              setCopyName(null);
            });
          }}
        >
          <label className="field">
            <span className="field-label">Name of the copy</span>
            <input className="input" value={copyName} autoFocus onChange={(event) => setCopyName(event.currentTarget.value)} />
          </label>
          <button type="submit" className="button button-small" disabled={busy}>
            Duplicate
          </button>
          <button type="button" className="button button-small" onClick={() => setCopyName(null)}>
            Cancel
          </button>
        </form>
      )}
      {error && (
        <p className="alert" role="alert">
          {error}
        </p>
      )}
    </li>
  );
}
