import { useState } from 'react';
import type { PauseMode } from '../../../../shared/domain/pause';
import { selectProxyPaused } from '../../store/selectors';
import { useTurnout } from '../../store/store-context';

const MODES: { mode: PauseMode; label: string; title: string }[] = [
  { mode: 'hold', label: 'Hold requests', title: 'New requests wait in Turnout (up to 30 s) while requests in flight finish; resume sends them on in order' },
  { mode: 'stop', label: 'Maintenance page', title: 'Every request gets a 503 maintenance answer with Retry-After' },
  { mode: 'close', label: 'Stop listening', title: 'Stop accepting new connections; requests in flight finish' },
];

/** The header's pause: which kind, and while paused what a hold holds and for how long. */
export function PauseControl() {
  const paused = useTurnout(selectProxyPaused);
  const pause = useTurnout((s) => s.server?.pause ?? null);
  const pausing = useTurnout((s) => s.runningCommand === 'pause');
  const pauseError = useTurnout((s) => (s.commandError?.command === 'pause' ? s.commandError.message : null));
  const setPaused = useTurnout((s) => s.setPaused);
  const [mode, setMode] = useState<PauseMode>('hold');
  const chosen = MODES.find((entry) => entry.mode === mode)!;
  return (
    <>
      {!paused && (
        <select className="select" aria-label="How to pause" value={mode} disabled={pausing} onChange={(event) => setMode(event.target.value as PauseMode)}>
          {MODES.map((entry) => (
            <option key={entry.mode} value={entry.mode} title={entry.title}>
              {entry.label}
            </option>
          ))}
        </select>
      )}
      <button
        type="button"
        className="button button-small"
        disabled={pausing}
        aria-pressed={paused}
        title={pauseError ?? (paused ? 'Resume: held requests go on in order, or listen again' : chosen.title)}
        onClick={() => void setPaused(!paused, mode)}
      >
        {paused ? 'Resume proxy' : 'Pause proxy'}
      </button>
      {pause?.mode === 'hold' && (
        <span className="badge badge-pending" role="status" title={`Requests past ${pause.timeoutMs / 1000} s get 503 + Retry-After`}>
          Holding {pause.held}
          {pause.oldestHeldSince && <HeldFor since={pause.oldestHeldSince} />}
        </span>
      )}
      {pauseError && (
        <span className="field-error" role="alert">
          {pauseError}
        </span>
      )}
    </>
  );
}

/** Since when the longest-waiting request waits (a clock time: pure, so it needs no ticking re-render). */
function HeldFor({ since }: { since: string }) {
  return <> · oldest since {new Date(since).toLocaleTimeString()}</>;
}
