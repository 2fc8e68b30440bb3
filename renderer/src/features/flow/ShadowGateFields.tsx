import type { ShadowGate } from '../../../../shared/domain/update-plan';
import type { Parsed } from './ramp-text';
import { envTitle } from './flow-text';
import { describeShadowGate, type ShadowGateText } from './shadow-gate-text';

type Field = Exclude<keyof ShadowGateText, 'on'>;

const FIELDS: { key: Field; label: string; placeholder?: string }[] = [
  { key: 'requests', label: 'Requests to compare' },
  { key: 'maxMismatchPercent', label: 'Max mismatch (%)' },
  { key: 'maxP99Ms', label: 'Max p99 (ms, optional)', placeholder: 'none' },
  { key: 'percent', label: 'Share copied (%)' },
  { key: 'timeoutSeconds', label: 'Gate timeout (s)' },
];

/**
 * The Start form's shadow gate (off by default): after verify, live requests are shadowed to
 * the updated side and compared before it takes any traffic (docs/shadow.md). The values are
 * checked as typed by the shared schema (shadow-gate-text.ts); the error is shown the way the
 * form's other parts show theirs.
 */
export function ShadowGateFields({ text, parsed, env, ramp, onChange }: { text: ShadowGateText; parsed: Parsed<ShadowGate | null>; env: string; ramp: boolean; onChange(next: ShadowGateText): void }) {
  return (
    <fieldset className="flow-choice flow-gate">
      <legend className="field-label">Shadow gate</legend>
      <label className="check">
        <input type="checkbox" checked={text.on} onChange={(event) => onChange({ ...text, on: event.currentTarget.checked })} /> Compare shadowed live requests before the {ramp ? 'ramp' : 'swap'}
      </label>
      {text.on && (
        <>
          <div className="flow-gate-fields">
            {FIELDS.map(({ key, label, placeholder }) => (
              <label key={key} className="field">
                <span className="field-label">{label}</span>
                <input
                  className="input input-status"
                  inputMode="decimal"
                  placeholder={placeholder}
                  value={text[key]}
                  aria-invalid={!parsed.ok}
                  onChange={(event) => onChange({ ...text, [key]: event.currentTarget.value })}
                />
              </label>
            ))}
          </div>
          {parsed.ok && parsed.value ? <p className="muted flow-detail">{describeShadowGate(parsed.value, envTitle(env))}</p> : null}
          {!parsed.ok && <p className="field-error">{parsed.error}</p>}
        </>
      )}
    </fieldset>
  );
}
