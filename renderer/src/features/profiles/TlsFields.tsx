import { useEffect } from 'react';
import { useTurnout } from '../../store/store-context';
import type { FieldErrors } from './profile-form';
import { TextField } from './ProfileForm';
import type { TlsDraft } from './tls-draft';

/** The first message among the names (tls.names.N), or about the list itself. */
function namesError(errors: FieldErrors): string | undefined {
  const key = Object.keys(errors).find((path) => path === 'tls.names' || path.startsWith('tls.names.'));
  return key === undefined ? undefined : errors[key];
}

/**
 * HTTPS on the profile's listener (HTTP/2 and HTTP/1.1): the local CA's certificate for
 * localhost and the extra names, or the person's own certificate and key files (checked by
 * the core when saved), and an optional plain-HTTP port that redirects.
 */
export function TlsFields({ tls, errors, onChange }: { tls: TlsDraft; errors: FieldErrors; onChange(next: TlsDraft): void }) {
  const names = namesError(errors);
  const ownFiles = tls.certFile.trim() !== '' || tls.keyFile.trim() !== '';
  return (
    <fieldset className="tls-fields">
      <legend className="section-title">HTTPS</legend>
      <label className="check">
        <input type="checkbox" checked={tls.enabled} onChange={(event) => onChange({ ...tls, enabled: event.currentTarget.checked })} /> Serve HTTPS (HTTP/2 and HTTP/1.1)
      </label>
      {tls.enabled && (
        <>
          <div className="form-grid">
            <label className="field">
              <span className="field-label">Extra names for the local certificate (one per line)</span>
              <textarea className="input" rows={2} value={tls.names} aria-invalid={names !== undefined} onChange={(event) => onChange({ ...tls, names: event.currentTarget.value })} />
              {names && <span className="field-error">{names}</span>}
            </label>
            <TextField label="Own certificate file (PEM, blank: local CA)" value={tls.certFile} error={errors['tls.certFile']} onChange={(certFile) => onChange({ ...tls, certFile })} />
            <TextField label="Own key file (PEM)" value={tls.keyFile} error={errors['tls.keyFile']} onChange={(keyFile) => onChange({ ...tls, keyFile })} />
            <TextField label="Redirect plain HTTP from port (optional)" value={tls.redirectPort} error={errors['tls.redirectHttpPort']} onChange={(redirectPort) => onChange({ ...tls, redirectPort })} />
          </div>
          {ownFiles ? <p className="muted">Your files are checked when you save and watched while the profile runs: a replaced pair is loaded without dropping connections.</p> : <TrustSteps />}
        </>
      )}
    </fieldset>
  );
}

/** The local CA covers localhost, 127.0.0.1, ::1 and the names above; trusting it once is the same text as `turnout tls ca`. */
function TrustSteps() {
  const trust = useTurnout((s) => s.tlsTrust);
  const error = useTurnout((s) => s.tlsTrustError);
  const load = useTurnout((s) => s.loadTlsTrust);
  useEffect(() => {
    if (!trust) void load();
  }, [trust, load]);
  if (error) return <p className="field-error" role="alert">{error}</p>;
  if (!trust) return <p className="muted">Finding the local CA…</p>;
  return (
    <details className="tls-trust">
      <summary>Trust Turnout&apos;s local CA (once per machine)</summary>
      <p>
        CA <code className="tls-ca-file">{trust.caFile}</code> ({trust.subject}, valid until {trust.notAfter.slice(0, 10)})
      </p>
      <dl>
        {trust.steps.map((step) => (
          <div key={step.system}>
            <dt>{step.system}</dt>
            {step.commands.map((command) => (
              <dd key={command}>
                <code>{command}</code>
              </dd>
            ))}
            {step.note && <dd className="muted">{step.note}</dd>}
          </div>
        ))}
      </dl>
    </details>
  );
}
