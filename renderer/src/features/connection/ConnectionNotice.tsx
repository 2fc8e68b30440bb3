import { selectConnection, selectConnectionDetail } from '../../store/selectors';
import { useTurnout } from '../../store/store-context';

/** Says plainly when the view is not live: still connecting, connection lost, or no session. */
export function ConnectionNotice() {
  const connection = useTurnout(selectConnection);
  const detail = useTurnout(selectConnectionDetail);
  const hasState = useTurnout((s) => s.server !== null);

  if (connection === 'unauthorized') {
    return (
      <section className="card notice-card" role="alert" aria-labelledby="login-title">
        <h2 id="login-title">This panel needs the admin token</h2>
        <p>
          Open the link printed by <code>turnout serve</code> (it carries <code>#token=…</code>).
        </p>
        <pre className="sample">Panel   {window.location.origin}/#token=…</pre>
        {detail && <p className="muted">{detail}</p>}
      </section>
    );
  }
  if (connection === 'disconnected') {
    return (
      <p className="banner banner-warning" role="status">
        {detail ?? 'Lost the connection to Turnout; reconnecting…'} The figures below may be out of date.
      </p>
    );
  }
  if (connection === 'connecting' && !hasState) {
    return (
      <p className="banner" role="status">
        Connecting to Turnout…
      </p>
    );
  }
  return null;
}
