import type { HeaderList, KeptBody } from '../../../../shared/contract/inspect';
import { useTurnout } from '../../store/store-context';
import { ReplayPanel } from './ReplayPanel';
import { bytes, statusText } from './requests-text';

/** The selected request: where it went and why, timings, sizes, headers (redacted as set) and kept bodies. */
export function RequestDetailPane({ onClose }: { onClose(): void }) {
  const detail = useTurnout((s) => s.requestDetail);
  const error = useTurnout((s) => s.requestDetailError);
  return (
    <aside className="card request-detail" aria-label="Request detail">
      <div className="view-head">
        <h3 className="section-title">{detail ? `${detail.method} ${detail.url}` : 'Request'}</h3>
        <button type="button" className="button" onClick={onClose}>
          Close
        </button>
      </div>
      {error && (
        <p className="alert" role="alert">
          {error}
        </p>
      )}
      {!detail && !error && <p className="muted">Loading…</p>}
      {detail && (
        <>
          <dl className="request-facts">
            <dt>Status</dt>
            <dd>{statusText(detail.status).text}</dd>
            <dt>Environment</dt>
            <dd>
              {detail.environment} ({detail.reason}
              {detail.attempts > 1 ? `, ${detail.attempts} attempts` : ''})
            </dd>
            <dt>Latency</dt>
            <dd>
              {detail.totalMs.toFixed(1)} ms total · {detail.upstreamMs === null ? 'no upstream answer' : `${detail.upstreamMs.toFixed(1)} ms upstream`}
            </dd>
            <dt>Size</dt>
            <dd>
              {bytes(detail.bytesIn)} in · {bytes(detail.bytesOut)} out
            </dd>
            <dt>Request id</dt>
            <dd>
              <code>{detail.id}</code>
            </dd>
            {detail.error && (
              <>
                <dt>Error</dt>
                <dd>{detail.error}</dd>
              </>
            )}
          </dl>
          <Headers title="Request headers" headers={detail.requestHeaders} />
          <Headers title="Response headers" headers={detail.responseHeaders} />
          {detail.requestBody && <Body title="Request body" body={detail.requestBody} />}
          {detail.responseBody && <Body title="Response body" body={detail.responseBody} />}
          <ReplayPanel key={detail.seq} detail={detail} />
        </>
      )}
    </aside>
  );
}

function Headers({ title, headers }: { title: string; headers: HeaderList }) {
  return (
    <>
      <h4>{title}</h4>
      <table className="request-headers" aria-label={title}>
        <tbody>
          {headers.map(([name, value], index) => (
            <tr key={index}>
              <th scope="row">{name}</th>
              <td>{value}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </>
  );
}

function Body({ title, body }: { title: string; body: KeptBody }) {
  return (
    <>
      <h4>
        {title} <span className="muted">({body.truncated ? `first part of ${bytes(body.size)}` : bytes(body.size)}{body.encoding === 'base64' ? ', base64' : ''})</span>
      </h4>
      <pre className="request-body">{body.data}</pre>
    </>
  );
}
