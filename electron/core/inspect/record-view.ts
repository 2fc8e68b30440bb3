import type { HeaderList, RequestDetail, RequestRecord } from '../../../shared/contract/inspect';
import type { Stored } from './record-ring';

/** Headers whose values are credentials: shown as REDACTED unless the profile turns that off. */
const SECRET = new Set(['authorization', 'cookie', 'set-cookie', 'proxy-authorization']);
export const REDACTED = '[redacted]';

export function recordView({ seq, raw }: Stored): RequestRecord {
  const view: RequestRecord = {
    seq,
    id: raw.id,
    at: raw.at,
    method: raw.method,
    url: raw.url,
    status: raw.status,
    environment: raw.environment,
    reason: raw.reason,
    attempts: raw.attempts,
    upstreamMs: raw.upstreamUs < 0 ? null : raw.upstreamUs / 1000,
    totalMs: raw.totalUs / 1000,
    bytesIn: raw.bytesIn < 0 ? null : raw.bytesIn,
    bytesOut: raw.bytesOut,
  };
  if (raw.error !== undefined) view.error = raw.error;
  return view;
}

export function detailView(stored: Stored, redact: boolean): RequestDetail {
  const { raw } = stored;
  const detail: RequestDetail = {
    ...recordView(stored),
    requestHeaders: pairs(raw.requestHead === '' ? [] : raw.requestHead.split('\n'), redact),
    responseHeaders: pairs(headBlockHeaders(raw.responseHead), redact),
  };
  if (raw.requestBody) detail.requestBody = raw.requestBody;
  if (raw.responseBody) detail.responseBody = raw.responseBody;
  return detail;
}

function pairs(flat: readonly string[], redact: boolean): HeaderList {
  const out: HeaderList = [];
  for (let i = 0; i + 1 < flat.length; i += 2) {
    const name = flat[i]!;
    out.push([name, redact && SECRET.has(name.toLowerCase()) ? REDACTED : flat[i + 1]!]);
  }
  return out;
}

/** "HTTP/1.1 200 OK\r\nName: value\r\n...\r\n\r\n" as a flat name/value list. */
export function headBlockHeaders(head: string): string[] {
  const out: string[] = [];
  const lines = head.split('\r\n');
  for (let i = 1; i < lines.length; i++) {
    const line = lines[i]!;
    const colon = line.indexOf(':');
    if (colon <= 0) continue;
    out.push(line.slice(0, colon), line.slice(colon + 1).trim());
  }
  return out;
}
