import { useState } from 'react';
import { errorText } from '../../store/error-text';
import { selectProfileName } from '../../store/selectors';
import { useTurnout } from '../../store/store-context';
import { healthDraft, NUMBER_FIELDS, parseHealthDraft, type HealthDraft } from './health-form';
import { TestNow } from './TestNow';

const LABELS: Record<(typeof NUMBER_FIELDS)[number], string> = {
  intervalMs: 'Interval (ms)',
  timeoutMs: 'Timeout (ms)',
  rise: 'Up after (passes)',
  fall: 'Down after (fails)',
  expectStatusMin: 'Status from',
  expectStatusMax: 'Status to',
  passive5xx: 'Down after 5xx (0 = off)',
};

/**
 * Health-check settings of one environment, edited in place and saved into the active
 * profile. "Test now" tries the form's settings before saving; the card shows the last regular probe.
 */
export function HealthSettings({ name }: { name: string }) {
  const profileName = useTurnout(selectProfileName);
  const getDetail = useTurnout((s) => s.getProfileDetail);
  const updateProfile = useTurnout((s) => s.updateProfile);
  const [draft, setDraft] = useState<HealthDraft | null>(null);
  const [status, setStatus] = useState<{ kind: 'idle' | 'saving' | 'saved' | 'error'; text?: string }>({ kind: 'idle' });
  const { check, errors } = draft ? parseHealthDraft(draft) : { check: null, errors: {} };

  const open = async (isOpen: boolean): Promise<void> => {
    if (!isOpen || !profileName) return;
    try {
      const { profile } = await getDetail(profileName);
      const env = profile.environments.find((item) => item.name === name);
      if (env) setDraft(healthDraft(env.health));
    } catch (error) {
      setStatus({ kind: 'error', text: errorText(error) });
    }
  };
  const save = async (): Promise<void> => {
    if (!check || !profileName) return;
    setStatus({ kind: 'saving' });
    try {
      const { profile } = await getDetail(profileName);
      const environments = profile.environments.map((env) => (env.name === name ? { ...env, health: check } : env));
      await updateProfile(profileName, { ...profile, environments });
      setStatus({ kind: 'saved' });
    } catch (error) {
      setStatus({ kind: 'error', text: errorText(error) });
    }
  };
  const set = (patch: Partial<HealthDraft>): void => {
    setDraft((current) => (current ? { ...current, ...patch } : current));
    setStatus({ kind: 'idle' });
  };

  return (
    <details className="health-settings" onToggle={(event) => void open(event.currentTarget.open)}>
      <summary>Health check settings</summary>
      {!draft ? (
        <p className="muted">{status.kind === 'error' ? status.text : 'Loading…'}</p>
      ) : (
        <form className="health-form" onSubmit={(event) => (event.preventDefault(), void save())}>
          <label className="check">
            <input type="checkbox" checked={draft.enabled} onChange={(event) => set({ enabled: event.currentTarget.checked })} /> Active checks
          </label>
          <div className="form-grid">
            <label className="field">
              <span className="field-label">Method</span>
              <select className="input select" value={draft.method} onChange={(event) => set({ method: event.currentTarget.value as HealthDraft['method'] })}>
                <option>GET</option>
                <option>HEAD</option>
              </select>
            </label>
            <Field label="Path" value={draft.path} error={errors.path} onChange={(path) => set({ path })} />
            {NUMBER_FIELDS.map((key) => (
              <Field key={key} label={LABELS[key]} value={draft[key]} error={errors[key]} numeric onChange={(value) => set({ [key]: value })} />
            ))}
          </div>
          <div className="actions">
            <button type="submit" className="button button-primary" disabled={!check || status.kind === 'saving'}>
              {status.kind === 'saving' ? 'Saving…' : 'Save health check'}
            </button>
            {status.kind === 'saved' && <span className="saved" role="status">Saved</span>}
            <TestNow name={name} check={check} />
          </div>
          {status.kind === 'error' && (
            <p className="alert" role="alert">
              {status.text}
            </p>
          )}
        </form>
      )}
    </details>
  );
}

function Field({ label, value, error, numeric, onChange }: { label: string; value: string; error?: string; numeric?: boolean; onChange(value: string): void }) {
  return (
    <label className="field">
      <span className="field-label">{label}</span>
      <input className="input" inputMode={numeric ? 'numeric' : undefined} value={value} aria-invalid={error !== undefined} onChange={(event) => onChange(event.currentTarget.value)} />
      {error && <span className="field-error">{error}</span>}
    </label>
  );
}
