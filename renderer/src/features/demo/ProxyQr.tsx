import { useMemo } from 'react';
import { selectProxyUrl } from '../../store/selectors';
import { useTurnout } from '../../store/store-context';
import { qrPath } from './qr-path';

/**
 * The demo page's address as a QR code, for a room to open on their phones. Always dark on
 * white, whatever the theme: scanners expect it.
 */
export function ProxyQr() {
  const url = useTurnout(selectProxyUrl);
  const code = useMemo(() => (url ? qrPath(url) : null), [url]);
  if (!url || !code) return null;
  const loopback = /^https?:\/\/(127\.|localhost|\[::1\])/.test(url);
  return (
    <figure className="demo-qr">
      <svg className="demo-qr-code" viewBox={`0 0 ${code.size} ${code.size}`} role="img" aria-label={`QR code for ${url}`} shapeRendering="crispEdges">
        <rect width={code.size} height={code.size} fill="#ffffff" />
        <path d={code.d} fill="#000000" />
      </svg>
      <figcaption>
        <a href={url} target="_blank" rel="noreferrer">
          {url}
        </a>
        {loopback && <span className="muted demo-qr-note">Only this machine can open it: the proxy listens on loopback.</span>}
      </figcaption>
    </figure>
  );
}
