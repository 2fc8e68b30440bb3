import { useShallow } from 'zustand/react/shallow';
import { envStatus, STATUS_TEXT } from '../../lib/env-status';
import { selectDemoApp, selectEnvironment } from '../../store/selectors';
import { useTurnout } from '../../store/store-context';
import { ERROR_CHOICES, faultsText, LATENCY_STEP_MS } from './demo-text';

/** One demo app: its version, whether it runs, its faults, and the buttons that break or update it. */
export function DemoAppRow({ name }: { name: string }) {
  const app = useTurnout(selectDemoApp(name));
  const env = useTurnout(selectEnvironment(name));
  const busy = useTurnout((s) => s.demoCommand !== null || s.connection !== 'connected');
  const actions = useTurnout(
    useShallow((s) => ({ setDemoFault: s.setDemoFault, crashDemoApp: s.crashDemoApp, restartDemoApp: s.restartDemoApp, newDemoVersion: s.newDemoVersion })),
  );
  if (!app) return null;
  const status = env ? STATUS_TEXT[envStatus(env)] : '';
  const { latencyMs, errorPercent } = app.faults;
  return (
    <li className="demo-app" aria-label={`demo app ${name}`}>
      <div className="demo-app-head">
        <i className="swatch swatch-large" style={{ background: env?.color }} aria-hidden="true" />
        <strong className="demo-label">{app.label}</strong>
        <span className={app.running ? 'health health-up demo-running' : 'health health-down demo-running'}>{app.running ? 'running' : 'crashed'}</span>
        <span className="muted demo-health">{status}</span>
        <span className="muted demo-faults">{faultsText(app.faults)}</span>
      </div>
      <div className="demo-actions">
        <button type="button" className="button button-small" disabled={busy} onClick={() => void actions.setDemoFault(name, { latencyMs: latencyMs + LATENCY_STEP_MS })}>
          +{LATENCY_STEP_MS} ms
        </button>
        {latencyMs > 0 && (
          <button type="button" className="button button-small" disabled={busy} onClick={() => void actions.setDemoFault(name, { latencyMs: 0 })}>
            No latency
          </button>
        )}
        <span className="demo-errors" role="group" aria-label={`${name} error share`}>
          {ERROR_CHOICES.map((percent) => (
            <button
              key={percent}
              type="button"
              className="button button-small"
              aria-pressed={errorPercent === percent}
              disabled={busy}
              onClick={() => void actions.setDemoFault(name, { errorPercent: percent })}
            >
              {percent} % errors
            </button>
          ))}
        </span>
        {app.running ? (
          <button type="button" className="button button-small button-danger" disabled={busy} onClick={() => void actions.crashDemoApp(name)}>
            Crash
          </button>
        ) : (
          <button type="button" className="button button-small" disabled={busy} onClick={() => void actions.restartDemoApp(name)}>
            Restart
          </button>
        )}
        <button type="button" className="button button-small" disabled={busy || !app.running} onClick={() => void actions.newDemoVersion(name)}>
          New version
        </button>
      </div>
    </li>
  );
}
