/**
 * Request records as the views read them (the inspector keeps them in a bounded ring,
 * electron/core/inspect/). Headers are redacted as the profile's inspect settings say.
 */

/** Why the request went to its environment. */
export type RouteReason = 'ratio' | 'sticky' | 'pin' | 'retry' | 'failover';
export const ROUTE_REASONS: readonly RouteReason[] = ['ratio', 'sticky', 'pin', 'retry', 'failover'];

export interface RequestRecord {
  /** Position in the ring since start: a cursor for "everything after". */
  seq: number;
  /** The X-Request-Id the client sent, or the one Turnout gave it. */
  id: string;
  /** When the request arrived (epoch ms). */
  at: number;
  method: string;
  /** Path and query. */
  url: string;
  /** The status the client got; 0 when it left (or was cut) before an answer. */
  status: number;
  environment: string;
  reason: RouteReason;
  attempts: number;
  /** Until the upstream's response headers arrived (ms); null when none did. */
  upstreamMs: number | null;
  totalMs: number;
  /** Request body bytes (Content-Length, or counted when bodies are kept); null when unknown. */
  bytesIn: number | null;
  /** Bytes written to the client for this response, headers included. */
  bytesOut: number;
  /** Turnout's own answer (a 502/504 page) says why. */
  error?: string;
}

export type HeaderList = [name: string, value: string][];

export interface RequestDetail extends RequestRecord {
  requestHeaders: HeaderList;
  responseHeaders: HeaderList;
  /** Only when bodies are kept; `truncated` when longer than the cap. Text as UTF-8, else base64. */
  requestBody?: KeptBody;
  responseBody?: KeptBody;
}

export interface KeptBody {
  encoding: 'utf8' | 'base64';
  data: string;
  /** Bytes seen (the kept part may be shorter). */
  size: number;
  truncated: boolean;
}

/** A page of records, newest last; `last` is the newest seq the ring holds (for the next `after`). */
export interface RequestPage {
  records: RequestRecord[];
  last: number;
  /** How many records the ring holds, and its capacity. */
  held: number;
  capacity: number;
  recording: boolean;
}

export type StatusClass = '1xx' | '2xx' | '3xx' | '4xx' | '5xx' | 'none';
export const STATUS_CLASSES: readonly StatusClass[] = ['1xx', '2xx', '3xx', '4xx', '5xx', 'none'];

export function statusClass(status: number): StatusClass {
  return status >= 100 && status < 600 ? (`${Math.floor(status / 100)}xx` as StatusClass) : 'none';
}

/** What a list asks for; every field narrows (the same rules server- and view-side). */
export interface RequestFilter {
  environment?: string;
  status?: StatusClass;
  method?: string;
  /** Text the path and query contain (case-insensitive). */
  path?: string;
  /** Only requests slower than this (total, ms). */
  slowerThanMs?: number;
}

export function matchesFilter(record: RequestRecord, filter: RequestFilter): boolean {
  if (filter.environment !== undefined && record.environment !== filter.environment) return false;
  if (filter.status !== undefined && statusClass(record.status) !== filter.status) return false;
  if (filter.method !== undefined && record.method !== filter.method.toUpperCase()) return false;
  if (filter.path !== undefined && !record.url.toLowerCase().includes(filter.path.toLowerCase())) return false;
  if (filter.slowerThanMs !== undefined && !(record.totalMs > filter.slowerThanMs)) return false;
  return true;
}
