import { useId, useState } from 'react';
import { routingMethodSchema, type Profile } from '../../../../shared/domain/profile';
import { errorText } from '../../store/error-text';
import { useTurnout } from '../../store/store-context';
import { EngineFields } from './EngineFields';
import { EnvironmentFields } from './EnvironmentFields';
import { TlsFields } from './TlsFields';
import { draftFromProfile, emptyDraft, parseDraft, type ProfileDraft } from './profile-form';

/**
 * Create or edit a profile. Errors come from the shared schema and show beside their
 * field once the person has tried to save (not while typing the first letter).
 */
export function ProfileForm({ base, onDone }: { base?: Profile; onDone(): void }) {
  const id = useId();
  const createProfile = useTurnout((s) => s.createProfile);
  const updateProfile = useTurnout((s) => s.updateProfile);
  const [draft, setDraft] = useState<ProfileDraft>(() => (base ? draftFromProfile(base) : emptyDraft()));
  const [tried, setTried] = useState(false);
  const [saving, setSaving] = useState(false);
  const [serverError, setServerError] = useState<string | null>(null);
  const { profile, errors } = parseDraft(draft, base);
  const shown = tried ? errors : {};

  const save = async (): Promise<void> => {
    setTried(true);
    if (!profile) return;
    setSaving(true);
    setServerError(null);
    try {
      if (base) await updateProfile(base.name, profile);
      else await createProfile(profile);
      onDone();
    } catch (error) {
      setServerError(errorText(error));
    } finally {
      setSaving(false);
    }
  };
  const set = (patch: Partial<ProfileDraft>): void => setDraft((current) => ({ ...current, ...patch }));

  return (
    <form className="card profile-form" aria-labelledby={`${id}-title`} noValidate onSubmit={(event) => (event.preventDefault(), void save())}>
      <h3 id={`${id}-title`}>{base ? `Edit profile ${base.name}` : 'New profile'}</h3>
      <div className="form-grid">
        <TextField label="Profile name" value={draft.name} error={shown.name} onChange={(name) => set({ name })} />
        <TextField label="Listen address" value={draft.listen} error={shown.listen} onChange={(listen) => set({ listen })} />
        <label className="field">
          <span className="field-label">Routing method</span>
          <select className="input select" value={draft.routing} onChange={(event) => set({ routing: event.currentTarget.value as ProfileDraft['routing'] })}>
            {routingMethodSchema.options.map((method) => (
              <option key={method}>{method}</option>
            ))}
          </select>
        </label>
      </div>
      <EnvironmentFields environments={draft.environments} errors={shown} onChange={(environments) => set({ environments })} />
      <EngineFields
        engine={draft.engine}
        environments={draft.environments}
        errors={shown}
        onEngine={(engine) => set({ engine })}
        onServer={(index, server) => set({ environments: draft.environments.map((env, at) => (at === index ? { ...env, server } : env)) })}
      />
      <TlsFields tls={draft.tls} errors={shown} onChange={(tls) => set({ tls })} />
      <fieldset className="form-grid drain-fields">
        <legend className="section-title">Update drain (seconds)</legend>
        <TextField label="Sticky session window" value={draft.drain.sessionWindow} error={shown['update.drain.sessionWindowMs']} onChange={(sessionWindow) => set({ drain: { ...draft.drain, sessionWindow } })} />
        <TextField label="Grace for WebSockets and streams" value={draft.drain.grace} error={shown['update.drain.graceMs']} onChange={(grace) => set({ drain: { ...draft.drain, grace } })} />
        <TextField label="Deadline for requests in flight" value={draft.drain.deadline} error={shown['update.drain.deadlineMs']} onChange={(deadline) => set({ drain: { ...draft.drain, deadline } })} />
      </fieldset>
      {tried && Object.keys(errors).length > 0 && (
        <p className="field-error" role="alert">
          {errors.environments ?? errors.form ?? 'Fix the fields marked above.'}
        </p>
      )}
      {serverError && (
        <p className="alert" role="alert">
          {serverError}
        </p>
      )}
      <div className="actions">
        <button type="submit" className="button button-primary" disabled={saving}>
          {saving ? 'Saving…' : base ? 'Save profile' : 'Create profile'}
        </button>
        <button type="button" className="button" onClick={onDone}>
          Cancel
        </button>
      </div>
    </form>
  );
}

export function TextField({ label, value, error, onChange, type = 'text' }: { label: string; value: string; error?: string; type?: string; onChange(value: string): void }) {
  return (
    <label className="field">
      <span className="field-label">{label}</span>
      <input className="input" type={type} value={value} aria-invalid={error !== undefined} onChange={(event) => onChange(event.currentTarget.value)} />
      {error && <span className="field-error">{error}</span>}
    </label>
  );
}
