import { useId, useState, type FormEvent } from 'react';
import type { AdoptResult } from '../../../../shared/contract/adopt-methods';
import { errorText } from '../../store/error-text';
import { useTurnout } from '../../store/store-context';

/**
 * "Adopt a running app": the app already serving becomes Blue, a clone command starts Green.
 * Turnout checks every step before it saves anything (adopt.ts); the wizard shows its one-line
 * error, or the proxy address and how to move clients over.
 */
export function AdoptWizard({ onDone }: { onDone(): void }) {
  const adopt = useTurnout((s) => s.adopt);
  const id = useId();
  const [url, setUrl] = useState('http://127.0.0.1:3000');
  const [clone, setClone] = useState('');
  const [healthPath, setHealthPath] = useState('/');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [result, setResult] = useState<AdoptResult | null>(null);

  const submit = async (event: FormEvent): Promise<void> => {
    event.preventDefault();
    setBusy(true);
    setError(null);
    try {
      setResult(await adopt({ url: url.trim(), healthPath: healthPath.trim() || '/', ...(clone.trim() ? { clone: clone.trim() } : {}) }));
    } catch (caught) {
      setError(errorText(caught));
    } finally {
      setBusy(false);
    }
  };

  if (result) {
    return (
      <section className="card adopt" aria-label="Adopted">
        <h3>Adopted {result.blue}</h3>
        <p role="status">
          Profile “{result.profile}” is active. Proxy: <code className="adopt-proxy">{result.proxyUrl}</code>
        </p>
        <ol className="adopt-steps">
          {result.nextSteps.map((step) => (
            <li key={step}>{step}</li>
          ))}
        </ol>
        <button type="button" className="button" onClick={onDone}>
          Close
        </button>
      </section>
    );
  }
  return (
    <form className="card adopt" aria-label="Adopt a running app" onSubmit={(event) => void submit(event)}>
      <h3>Adopt a running app</h3>
      <p className="muted">The app keeps serving where it is and becomes Blue. Turnout checks that it answers, starts Green from the clone command on a free port and waits for it to be healthy; nothing is saved unless every step passes.</p>
      <label htmlFor={`${id}-url`}>1. Where the app serves now</label>
      <input id={`${id}-url`} className="input" value={url} onChange={(event) => setUrl(event.target.value)} required />
      <label htmlFor={`${id}-health`}>Health-check path</label>
      <input id={`${id}-health`} className="input" value={healthPath} onChange={(event) => setHealthPath(event.target.value)} />
      <label htmlFor={`${id}-clone`}>2. Clone command for Green (optional; {'{port}'} is filled in, PORT is set; runs in Turnout's working directory)</label>
      <input id={`${id}-clone`} className="input" value={clone} placeholder="PORT={port} npm start" onChange={(event) => setClone(event.target.value)} />
      {error && (
        <p className="alert" role="alert">
          {error}
        </p>
      )}
      <div className="actions">
        <button type="submit" className="button button-primary" disabled={busy}>
          {busy ? 'Checking…' : 'Adopt'}
        </button>
        <button type="button" className="button" onClick={onDone} disabled={busy}>
          Cancel
        </button>
      </div>
    </form>
  );
}
