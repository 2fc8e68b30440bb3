import type { RequestDetail, RequestRecord } from '../../../shared/contract/inspect';

/** One record as one line: time, status, method, environment (why), latency, path. */
export function formatRecord(record: RequestRecord): string {
  const time = new Date(record.at).toISOString().slice(11, 23);
  const status = record.status === 0 ? '---' : String(record.status);
  const where = `${record.environment} (${record.reason}${record.attempts > 1 ? `, ${record.attempts} attempts` : ''})`;
  return [`#${record.seq}`.padStart(7), time, status, record.method.padEnd(6), where.padEnd(24), `${record.totalMs.toFixed(1)} ms`.padStart(10), record.url].join('  ') + (record.error ? `  ! ${record.error}` : '');
}

export function formatDetail(detail: RequestDetail): string {
  const lines = [
    formatRecord(detail),
    `request id ${detail.id} · upstream ${detail.upstreamMs === null ? '—' : `${detail.upstreamMs.toFixed(1)} ms`} · ${detail.bytesIn ?? '?'} B in · ${detail.bytesOut} B out`,
    '',
    'Request headers:',
    ...detail.requestHeaders.map(([name, value]) => `  ${name}: ${value}`),
    'Response headers:',
    ...detail.responseHeaders.map(([name, value]) => `  ${name}: ${value}`),
  ];
  if (detail.requestBody) lines.push('Request body:', detail.requestBody.data + (detail.requestBody.truncated ? ` … (${detail.requestBody.size} B in all)` : ''));
  if (detail.responseBody) lines.push('Response body:', detail.responseBody.data + (detail.responseBody.truncated ? ` … (${detail.responseBody.size} B in all)` : ''));
  return lines.join('\n');
}
