import { useMemo } from 'react';
import { selectProxyUrl } from '../../store/selectors';
import { useTurnout } from '../../store/store-context';
import { qrPath } from './qr-path';

/**
 * The demo page's address as a QR code, for a room to open on their phones. Always dark on
 * white, whatever the theme: scanners expect it. On loopback only this machine can open it,
 * so it offers to listen on every interface (the proxy only: the admin surface and its token
 * stay on loopback), and then shows the address on this machine's network.
 */
export function ProxyQr() {
  const url = useTurnout(selectProxyUrl);
  const lan = useTurnout((s) => s.server?.demo?.lanAddresses[0] ?? null);
  const busy = useTurnout((s) => s.runningCommand === 'listen');
  const error = useTurnout((s) => (s.commandError?.command === 'listen' ? s.commandError.message : null));
  const setListenHost = useTurnout((s) => s.setListenHost);
  const everywhere = url !== null && new URL(url).hostname === '0.0.0.0';
  const shown = url === null ? null : everywhere && lan ? `http://${lan}:${new URL(url).port}/` : url;
  const code = useMemo(() => (shown ? qrPath(shown) : null), [shown]);
  if (!shown || !code) return null;
  return (
    <figure className="demo-qr">
      <svg className="demo-qr-code" viewBox={`0 0 ${code.size} ${code.size}`} role="img" aria-label={`QR code for ${shown}`} shapeRendering="crispEdges">
        <rect width={code.size} height={code.size} fill="#ffffff" />
        <path d={code.d} fill="#000000" />
      </svg>
      <figcaption>
        <a href={shown} target="_blank" rel="noreferrer">
          {shown}
        </a>
        {everywhere ? (
          <span className="muted demo-qr-note">{lan ? 'Anyone on this network can open it.' : 'Listening on every interface, but this machine has no network address.'}</span>
        ) : (
          <span className="muted demo-qr-note">Only this machine can open it: the proxy listens on loopback.</span>
        )}
        <button type="button" className="button" disabled={busy} onClick={() => void setListenHost(everywhere ? '127.0.0.1' : '0.0.0.0')}>
          {everywhere ? 'This machine only' : 'Let the room open it'}
        </button>
        {error && (
          <span className="alert" role="alert">
            Could not move the proxy: {error}
          </span>
        )}
      </figcaption>
    </figure>
  );
}
