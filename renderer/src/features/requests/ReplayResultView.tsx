import type { ReplayResult, ReplaySide } from '../../../../shared/contract/replay';

/** Both answers side by side: status and latency, then what differs (headers, body). */
export function ReplayResultView({ result }: { result: ReplayResult }) {
  const { body } = result;
  return (
    <div className="replay-result" aria-label="Replay result">
      <table className="request-headers" aria-label="Both answers">
        <thead>
          <tr>
            <th scope="col" />
            <th scope="col">{sideLabel(result.a)}</th>
            <th scope="col">{sideLabel(result.b)}</th>
          </tr>
        </thead>
        <tbody>
          <tr>
            <th scope="row">Status</th>
            <td>{statusOf(result.a)}</td>
            <td className={result.statusSame ? undefined : 'replay-differs'}>{statusOf(result.b)}</td>
          </tr>
          <tr>
            <th scope="row">Latency</th>
            <td>{latencyOf(result.a)}</td>
            <td>{latencyOf(result.b)}</td>
          </tr>
          {result.headers.map((header) => (
            <tr key={header.name}>
              <th scope="row">{header.name}</th>
              <td>{header.a ?? '(absent)'}</td>
              <td className="replay-differs">{header.b ?? '(absent)'}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <p className="replay-body-verdict">
        {body.kind === 'none' ? 'No body on either side.' : body.same ? `Bodies are the same (${body.kind}).` : `Bodies differ (${body.kind === 'json' ? 'JSON, compared as data' : body.kind}).`}
        {body.partial ? ' Only the kept part was compared.' : ''}
      </p>
      {body.json && body.json.length > 0 && (
        <ul className="replay-json" aria-label="JSON differences">
          {body.json.map((difference) => (
            <li key={difference.path}>
              <code>{difference.path}</code>: {JSON.stringify(difference.a)} → {JSON.stringify(difference.b)}
            </li>
          ))}
        </ul>
      )}
      {body.text && <pre className="request-body">{body.text}</pre>}
    </div>
  );
}

function sideLabel(side: ReplaySide): string {
  return `${side.environment} (${side.source === 'live' ? 'now' : 'recorded'})`;
}

function statusOf(side: ReplaySide): string {
  return side.status === 0 ? `no answer: ${side.error ?? 'unknown'}` : String(side.status);
}

function latencyOf(side: ReplaySide): string {
  return side.latencyMs === null ? '—' : `${side.latencyMs.toFixed(1)} ms`;
}
