import { useState } from 'react';
import { useShallow } from 'zustand/react/shallow';
import type { RequestDetail } from '../../../../shared/contract/inspect';
import { useTurnout } from '../../store/store-context';
import { ReplayResultView } from './ReplayResultView';

/** Methods sent at once (the server applies the same rule; anything else needs a confirmation). */
const IDEMPOTENT = new Set(['GET', 'HEAD', 'OPTIONS', 'PUT', 'DELETE']);

/** "Replay on…": the recorded request sent to another environment, both answers side by side. */
export function ReplayPanel({ detail }: { detail: RequestDetail }) {
  const others = useTurnout(useShallow((s) => (s.server?.environments ?? []).map((env) => env.name).filter((name) => name !== detail.environment)));
  const { running, result, error } = useTurnout((s) => s.replay);
  const replayRequest = useTurnout((s) => s.replayRequest);
  const [to, setTo] = useState<string>('');
  const [confirmed, setConfirmed] = useState(false);
  const target = to || others[0] || '';
  const needsConfirm = !IDEMPOTENT.has(detail.method);
  if (others.length === 0) return null;
  return (
    <section className="replay" aria-label="Replay">
      <h4>Replay</h4>
      <div className="replay-controls">
        <label>
          To
          <select value={target} onChange={(event) => setTo(event.target.value)}>
            {others.map((name) => (
              <option key={name} value={name}>
                {name}
              </option>
            ))}
          </select>
        </label>
        {needsConfirm && (
          <label className="replay-confirm">
            <input type="checkbox" checked={confirmed} onChange={(event) => setConfirmed(event.target.checked)} />
            Send this {detail.method} to {target} again (it may change data there)
          </label>
        )}
        <button type="button" className="button" disabled={running || !target || (needsConfirm && !confirmed)} onClick={() => void replayRequest(detail.seq, target, needsConfirm && confirmed)}>
          {running ? 'Replaying…' : `Replay on ${target}`}
        </button>
      </div>
      {error && (
        <p className="alert" role="alert">
          Could not replay: {error}
        </p>
      )}
      {result && <ReplayResultView result={result} />}
    </section>
  );
}
