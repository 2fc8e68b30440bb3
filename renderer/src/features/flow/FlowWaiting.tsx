import { formatRatio } from '../../../../shared/domain/ratio';
import type { FlowView } from '../../../../shared/contract/flow';
import { useNow } from '../../lib/use-now';
import { useTurnout } from '../../store/store-context';
import { DrainMeter } from './DrainMeter';
import { FlowGuard } from './FlowGuard';
import { continueLabel, envTitle, formatCountdown, waitHeadline } from './flow-text';

/**
 * What the active step waits for, with the one button that ends the wait when a person can
 * (Continue) and Abort, which says where it goes back to. Not a live region: the panel's one
 * Announcer says "waiting for you" once, instead of every step change being read out.
 */
export function FlowWaiting({ flow }: { flow: FlowView }) {
  const wait = flow.waitingFor;
  const now = useNow(wait?.until != null);
  const command = useTurnout((s) => s.flowCommand);
  const error = useTurnout((s) => s.flowError);
  const connected = useTurnout((s) => s.connection === 'connected');
  const continueUpdate = useTurnout((s) => s.continueUpdate);
  const abortUpdate = useTurnout((s) => s.abortUpdate);
  const names = Object.keys(flow.restoreWeights);
  const label = continueLabel(wait);
  const busy = command !== null || !connected;
  return (
    <div className="flow-wait">
      <div className="flow-wait-text">
        {wait ? (
          <>
            <p className={`flow-headline flow-wait-${wait.kind}`}>{waitHeadline(wait)}</p>
            {/* The drain's counts move every tick: shown by the meter instead. */}
            {!wait.drain && <p className="muted flow-detail">{wait.message}</p>}
          </>
        ) : (
          <p className="flow-headline">Working…</p>
        )}
      </div>
      {wait?.drain && <DrainMeter meter={wait.drain} now={now} />}
      {wait?.until != null && (
        <p className="flow-countdown">
          {wait.kind === 'health' || wait.kind === 'smoke' || wait.kind === 'held' || wait.kind === 'shadow' ? 'Gives up in ' : wait.kind === 'drained' ? 'Over at the latest in ' : 'Ends in '}
          <strong>{formatCountdown(wait.until, now)}</strong>
        </p>
      )}
      {wait?.kind === 'user' && <p className="flow-hint">Deploy or restart {envTitle(wait.env)} now; it gets no traffic until it passes verify.</p>}
      {flow.command && (
        <div className="flow-command">
          <p className="flow-command-line">
            <code>{flow.command.command}</code> {flow.command.running ? '(running)' : `(exit ${flow.command.exitCode ?? '?'})`}
          </p>
          {flow.command.output.length > 0 && <pre className="sample flow-output">{flow.command.output.join('\n')}</pre>}
        </div>
      )}
      {flow.guard && <FlowGuard guard={flow.guard} first={flow.first} />}
      <div className="actions">
        {label && (
          <button type="button" className="button button-primary" disabled={busy} onClick={() => void continueUpdate(wait?.kind === 'user')}>
            {command === 'next' ? 'Continuing…' : label}
          </button>
        )}
        {wait?.kind === 'confirm-command' && (
          <button type="button" className="button" disabled={busy} onClick={() => void continueUpdate(true)}>
            I updated it by hand
          </button>
        )}
        <button type="button" className="button button-danger" disabled={busy} aria-describedby="flow-abort-hint" onClick={() => void abortUpdate()}>
          {command === 'abort' ? 'Aborting…' : 'Abort'}
        </button>
        <span id="flow-abort-hint" className="muted flow-abort-hint">
          Abort goes back to {formatRatio(flow.safeWeights, names)}
        </span>
      </div>
      {error && (
        <p className="alert" role="alert">
          Could not {error.command === 'abort' ? 'abort' : 'continue'} the update: {error.message}
        </p>
      )}
    </div>
  );
}
