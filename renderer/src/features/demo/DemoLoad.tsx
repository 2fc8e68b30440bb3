import { useId, useState } from 'react';
import { MAX_DEMO_RPS } from '../../../../shared/contract/demo-methods';
import { formatRps } from '../../lib/format';
import { selectDemoLoad } from '../../store/selectors';
import { useTurnout } from '../../store/store-context';
import { parseRps } from './demo-text';

/** The built-in load generator: asked rate against achieved, since a slow app lowers what it gets. */
export function DemoLoad() {
  const id = useId();
  const load = useTurnout(selectDemoLoad);
  const busy = useTurnout((s) => s.demoCommand !== null || s.connection !== 'connected');
  const setDemoLoad = useTurnout((s) => s.setDemoLoad);
  const [text, setText] = useState<string | null>(null);
  if (!load) return null;
  const shown = text ?? String(load.targetRps || 50);
  const parsed = parseRps(shown, MAX_DEMO_RPS);
  const start = async (): Promise<void> => {
    if ('rps' in parsed && (await setDemoLoad(parsed.rps))) setText(null);
  };
  return (
    <form className="demo-load" aria-label="Demo load" onSubmit={(event) => (event.preventDefault(), void start())}>
      <label className="field">
        <span className="field-label">Load (req/s)</span>
        <input
          className="input input-rps"
          inputMode="numeric"
          value={shown}
          aria-invalid={'error' in parsed}
          aria-describedby={'error' in parsed ? `${id}-error` : undefined}
          onChange={(event) => setText(event.currentTarget.value)}
        />
      </label>
      <button type="submit" className="button button-primary" disabled={busy || 'error' in parsed}>
        {load.running ? 'Set load' : 'Start load'}
      </button>
      <button type="button" className="button" disabled={busy || !load.running} onClick={() => void setDemoLoad(0)}>
        Stop load
      </button>
      <p className="demo-achieved" aria-live="off">
        <span className="muted">Achieved</span> <strong className="demo-achieved-rps">{formatRps(load.achievedRps)}</strong> req/s
        {load.running && <span className="muted"> of {load.targetRps}</span>}
        <span className="muted"> · {load.errors} {load.errors === 1 ? 'error' : 'errors'} of {load.sent}</span>
      </p>
      {'error' in parsed && (
        <span id={`${id}-error`} className="field-error demo-load-error">
          {parsed.error}
        </span>
      )}
    </form>
  );
}
