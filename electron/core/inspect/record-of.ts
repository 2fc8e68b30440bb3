import type http from 'node:http';
import type { RouteReason } from '../../../shared/contract/inspect';
import type { BodyTap } from './body-tap';
import type { RawRecord } from './raw-record';
import { requestIdOf } from './request-id';

/** What the exchange knows of a finished request beyond `req` and `res`. */
export interface RecordFacts {
  /** performance.now() when the request began, and when the upstream's headers came (0: never). */
  started: number;
  answeredAt: number;
  attempts: number;
  environment: string;
  reason: RouteReason;
  /** The socket's bytesWritten when the request began. */
  writtenBefore: number;
  errorText?: string;
  requestTap?: BodyTap;
  responseTap?: BodyTap;
}

/**
 * Node builds the header block with `+=`, which V8 keeps as a tree of every piece (≈ 30
 * objects, ≈ 1 KB for a small response) until something reads a character of it; then it
 * copies the text into one flat string and drops the pieces (the first scavenge after that
 * also drops the tree's root). A proxy worker's records wait up to 100 ms in its batch
 * (record-batch.ts), long enough to survive scavenges, so this read is done once, here. The
 * comparison uses the read, so no compiler drops it; it always holds.
 */
export function flatten(text: string): string {
  return text.length === 0 || text.charCodeAt(text.length - 1) >= 0 ? text : '';
}

/**
 * The record of one finished request (raw-record.ts): references to what Node already holds,
 * nothing parsed. Its own module so the bench (bench/record-path.ts) measures exactly what
 * the proxy runs.
 */
export function recordOf(req: http.IncomingMessage, res: http.ServerResponse, facts: RecordFacts): RawRecord {
  const now = performance.now();
  const { started, answeredAt } = facts;
  const length = req.headers['content-length'];
  const record: RawRecord = {
    id: requestIdOf(req),
    at: performance.timeOrigin + started,
    method: req.method!,
    url: req.url!,
    status: res.headersSent ? res.statusCode : 0,
    environment: facts.environment,
    reason: facts.reason,
    attempts: facts.attempts,
    upstreamUs: answeredAt === 0 ? -1 : Math.round((answeredAt - started) * 1000),
    totalUs: Math.round((now - started) * 1000),
    bytesIn: facts.requestTap ? facts.requestTap.size : length !== undefined ? Number(length) : req.headers['transfer-encoding'] === undefined ? 0 : -1,
    bytesOut: req.socket.bytesWritten - facts.writtenBefore,
    requestHead: req.rawHeaders.join('\n'),
    responseHead: responseHeadOf(res),
  };
  if (facts.errorText !== undefined) record.error = facts.errorText;
  if (facts.requestTap) record.requestBody = facts.requestTap.body();
  if (facts.responseTap) record.responseBody = facts.responseTap.body();
  return record;
}

/**
 * The status line and headers as written to the client. HTTP/1.1: Node's own header block.
 * HTTP/2 writes no such text (its `_header` is only whether headers were sent): the same form
 * is built from the response's headers, so a record reads the same whichever protocol it came in.
 */
function responseHeadOf(res: http.ServerResponse): string {
  const head: unknown = (res as { _header?: unknown })._header;
  if (typeof head === 'string') return flatten(head);
  if (!res.headersSent) return '';
  let text = `HTTP/2 ${res.statusCode}\r\n`;
  for (const [name, value] of Object.entries(res.getHeaders())) {
    for (const one of Array.isArray(value) ? value : [value]) text += `${name}: ${String(one)}\r\n`;
  }
  return flatten(`${text}\r\n`);
}
