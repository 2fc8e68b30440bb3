import { selectConnection, selectProfileName, selectProxyUrl } from '../../store/selectors';
import { useTurnout } from '../../store/store-context';

const CONNECTION_TEXT = { connecting: 'Connecting', connected: 'Live', disconnected: 'Offline', unauthorized: 'Locked' } as const;

/** Which profile runs, where clients connect, and whether this view is live. */
export function Header() {
  const profile = useTurnout(selectProfileName);
  const demo = useTurnout((s) => s.server?.profile.demo ?? false);
  const proxyUrl = useTurnout(selectProxyUrl);
  const connection = useTurnout(selectConnection);
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
          </div>
        )}
        {proxyUrl && (
          <div className="topbar-proxy">
            <span className="muted">Proxy</span>{' '}
            <a href={proxyUrl} target="_blank" rel="noreferrer">
              {proxyUrl}
            </a>
          </div>
        )}
        <span className={`connection connection-${connection}`}>{CONNECTION_TEXT[connection]}</span>
      </div>
    </header>
  );
}
