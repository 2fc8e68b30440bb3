import { useEffect, useState } from 'react';
import type { LogLine, ManagedView } from '../../../../shared/contract/managed';
import { errorText } from '../../store/error-text';
import { useTurnout } from '../../store/store-context';

/** Lines a live log view keeps: enough to scroll back a little, bounded like the server's ring. */
const KEPT = 500;

const STATE_TEXT: Record<ManagedView['state'], string> = {
  unconfirmed: 'not started: its command came with an import',
  starting: 'starting, waiting for its health check',
  running: 'running',
  crashed: 'crashed',
  stopping: 'stopping',
  stopped: 'stopped',
  external: 'already running (not started by Turnout)',
  updating: 'updating',
};

/** An environment Turnout runs itself: its state, a restart, the last lines beside a crash, and its live Logs. */
export function ManagedLogs({ name }: { name: string }) {
  const view = useTurnout((s) => s.server?.managed?.find((item) => item.name === name));
  const restart = useTurnout((s) => s.restartEnvironment);
  const [error, setError] = useState<string | null>(null);
  const [open, setOpen] = useState(false);
  if (!view) return null;
  const crashes = view.crashes > 0 ? `, crashed ${view.crashes} time${view.crashes === 1 ? '' : 's'}` : '';
  const act = async (confirm: boolean): Promise<void> => {
    setError(null);
    try {
      await restart(name, confirm);
    } catch (caught) {
      setError(errorText(caught));
    }
  };
  return (
    <section className="managed" aria-label={`${name} process`}>
      <p className="managed-state">
        <span className={`managed-badge managed-${view.state}`}>{STATE_TEXT[view.state]}</span>
        {crashes}
        {view.pid ? ` · pid ${view.pid}` : ''}
      </p>
      <p className="muted managed-command">
        <code>{view.command}</code>
      </p>
      {view.state === 'unconfirmed' ? (
        <button type="button" className="button" onClick={() => void act(true)}>
          Confirm and run
        </button>
      ) : (
        <button type="button" className="button" onClick={() => void act(false)}>
          Restart
        </button>
      )}
      {error && (
        <p className="alert" role="alert">
          {error}
        </p>
      )}
      {view.state === 'crashed' && (
        <pre className="log-lines crash-lines" aria-label={`${name}: last lines before the crash`}>
          {view.lastLines.slice(-8).map(lineText).join('\n')}
        </pre>
      )}
      <details className="managed-logs" onToggle={(event) => setOpen((event.target as HTMLDetailsElement).open)}>
        <summary>Logs</summary>
        {open && <LiveLog name={name} />}
      </details>
    </section>
  );
}

/** The last lines, then every new one as the environmentLog event brings it. */
function LiveLog({ name }: { name: string }) {
  const environmentLogs = useTurnout((s) => s.environmentLogs);
  const onEnvironmentLog = useTurnout((s) => s.onEnvironmentLog);
  const [lines, setLines] = useState<LogLine[]>([]);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    let live = true;
    // Lines from the event that arrive before the first page are merged by seq, never doubled.
    const merge = (more: LogLine[]): void =>
      setLines((current) => {
        const last = current.length ? current[current.length - 1]!.seq : 0;
        return [...current, ...more.filter((line) => line.seq > last)].slice(-KEPT);
      });
    const off = onEnvironmentLog((event) => {
      if (live && event.environment === name) merge([event.line]);
    });
    environmentLogs(name, 200).then(
      (page) => live && setLines((current) => [...page.lines, ...current.filter((line) => line.seq > page.lastSeq)].slice(-KEPT)),
      (caught: unknown) => live && setError(errorText(caught)),
    );
    return () => {
      live = false;
      off();
    };
  }, [name, environmentLogs, onEnvironmentLog]);
  if (error) return <p className="alert">{error}</p>;
  return (
    <pre className="log-lines" role="log" aria-label={`${name} logs`} aria-live="off">
      {lines.length === 0 ? 'No output yet.' : lines.map(lineText).join('\n')}
    </pre>
  );
}

function lineText(line: LogLine): string {
  const time = new Date(line.at).toLocaleTimeString('en-GB', { hour12: false });
  return `${time} ${line.stream === 'turnout' ? '[turnout] ' : line.stream === 'stderr' ? '[stderr] ' : ''}${line.text}`;
}
