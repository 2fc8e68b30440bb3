import { useState, type ReactNode } from 'react';
import { selectConnection, selectDataPlaneKind, selectDataPlaneWorkers, selectProfileName, selectProxyPaused, selectProxyUrl } from '../../store/selectors';
import { useTurnout } from '../../store/store-context';
import { ExportDialog } from '../export/ExportDialog';
import { engineBadge } from './engine-badge';
import { PauseControl } from './PauseControl';

const PAUSED_TITLE = {
  hold: 'New requests wait in Turnout until resume; health checks go on',
  stop: 'Every request gets the maintenance answer; health checks go on',
  close: 'Not accepting new connections; health checks go on',
} as const;

const CONNECTION_TEXT = { connecting: 'Connecting', connected: 'Live', disconnected: 'Offline', unauthorized: 'Locked' } as const;

/** Which profile runs (and on which engine, when not our own proxy in one process), where clients connect, and whether this view is live. */
export function Header({ tools }: { tools?: ReactNode }) {
  const profile = useTurnout(selectProfileName);
  const demo = useTurnout((s) => s.server?.profile.demo ?? false);
  const proxyUrl = useTurnout(selectProxyUrl);
  const connection = useTurnout(selectConnection);
  const plane = useTurnout(selectDataPlaneKind);
  const engine = engineBadge(plane, useTurnout(selectDataPlaneWorkers));
  const canExport = useTurnout((s) => s.server !== null && s.connection === 'connected');
  const paused = useTurnout(selectProxyPaused);
  const pauseMode = useTurnout((s) => s.server?.pause?.mode ?? 'close');
  const [exporting, setExporting] = useState(false);
  return (
    <header className="topbar">
      <div className="topbar-inner">
        <div className="brand">
          <span className="brand-mark" aria-hidden="true" />
          <span className="brand-name">Turnout</span>
        </div>
        {profile && (
          <div className="topbar-profile">
            <span className="muted">Profile</span> <strong>{profile}</strong>
            {demo && <span className="badge">demo</span>}
            {engine && (
              <span className={engine.tone === 'plane' ? 'badge badge-plane' : 'badge'} title={engine.title}>
                {engine.text}
              </span>
            )}
          </div>
        )}
        {proxyUrl && (
          <div className="topbar-proxy">
            <span className="muted">Proxy</span>{' '}
            <a href={proxyUrl} target="_blank" rel="noreferrer">
              {proxyUrl}
            </a>
            {paused && <span className="badge badge-pending" title={PAUSED_TITLE[pauseMode]}>{pauseMode === 'stop' ? 'Maintenance' : 'Paused'}</span>}
          </div>
        )}
        {canExport && plane === 'embedded' && <PauseControl />}
        {canExport && (
          <button type="button" className="button button-small" onClick={() => setExporting(true)}>
            Export config
          </button>
        )}
        {tools}
        <span className={`connection connection-${connection}`}>{CONNECTION_TEXT[connection]}</span>
        {exporting && <ExportDialog onClose={() => setExporting(false)} />}
      </div>
    </header>
  );
}
