import type { HeaderList } from '../../../shared/contract/inspect';
import type { ReplayResult, ReplaySide } from '../../../shared/contract/replay';
import { ContractError } from '../../../shared/contract/errors';
import { BodyTap } from './body-tap';
import { compareBodies, headerDifferences } from './compare';
import type { RawRecord } from './raw-record';
import { headBlockHeaders } from './record-view';

/** Methods a replay sends at once (the proxy's retry rule calls the same ones idempotent). */
const IDEMPOTENT = new Set(['GET', 'HEAD', 'OPTIONS', 'PUT', 'DELETE']);
/** Request headers not replayed: hop-by-hop, and what the client and Turnout set per connection. */
const DROPPED = new Set(['connection', 'keep-alive', 'proxy-connection', 'transfer-encoding', 'te', 'trailer', 'upgrade', 'expect', 'content-length', 'x-request-id']);
/** How much of each replayed answer is kept for the comparison. */
const BODY_LIMIT = 256 * 1024;
const TIMEOUT_MS = 30_000;

export interface ReplayTarget {
  name: string;
  url: string;
}

/**
 * Sends a recorded request again (electron/core/inspect/, contract replayRequest): idempotent
 * ones to both environments at once, the others (confirmed, body kept whole) to `to` alone,
 * compared with the recorded answer. Replays carry `X-Turnout-Replay: <seq>` so an app (and
 * its logs) can tell them from real traffic.
 */
export async function replay(seq: number, record: RawRecord, original: ReplayTarget | undefined, to: ReplayTarget, confirm: boolean): Promise<ReplayResult> {
  const idempotent = IDEMPOTENT.has(record.method);
  const body = record.requestBody;
  const hasBody = record.bytesIn !== 0;
  if (!idempotent && !confirm) throw new ContractError('CONFLICT', `${record.method} is not idempotent: replaying it may change data on "${to.name}"; confirm to send it (--yes)`);
  if (hasBody && (!body || body.truncated)) {
    throw new ContractError('CONFLICT', `the body of #${seq} was not kept${body?.truncated ? ' whole (it is longer than the cap)' : ''}: turn on proxy.inspect.bodies (and raise bodyLimitBytes) to replay requests with a body`);
  }
  const payload = body ? Buffer.from(body.data, body.encoding) : undefined;
  const send = (target: ReplayTarget) => sendRecorded(record, target, payload, ['x-turnout-replay', String(seq), 'x-request-id', `${record.id}.replay`]);
  const [a, b] = idempotent && original ? await Promise.all([send(original), send(to)]) : [recordedSide(record), await send(to)];
  return { seq, method: record.method, url: record.url, a, b, statusSame: a.status === b.status, headers: headerDifferences(a, b), body: compareBodies(a, b) };
}

function recordedSide(record: RawRecord): ReplaySide {
  const side: ReplaySide = { environment: record.environment, source: 'recorded', status: record.status, latencyMs: record.totalUs / 1000, headers: pairs(headBlockHeaders(record.responseHead)) };
  if (record.responseBody) side.body = record.responseBody;
  return side;
}

export interface SendOptions {
  timeoutMs?: number;
  /** Bytes of the answer kept for the comparison. */
  bodyLimit?: number;
  /** What latencyMs measures: until the whole body (a replay's default) or until the headers (as a record's upstreamMs, for shadow pairs). */
  latency?: 'body' | 'headers';
}

/**
 * Sends a recorded request to `target` with the client's headers (less hop-by-hop ones) and
 * `mark` (name, value pairs that tell the app it is a copy); shadow.ts sends its copies here too.
 */
export async function sendRecorded(record: RawRecord, target: ReplayTarget, payload: Buffer | undefined, mark: readonly string[], options: SendOptions = {}): Promise<ReplaySide> {
  const timeoutMs = options.timeoutMs ?? TIMEOUT_MS;
  // undici's full client only here, off the hot path and out of the CLI's start-up.
  const { request } = await import('undici');
  const headers: string[] = [];
  const raw = record.requestHead === '' ? [] : record.requestHead.split('\n');
  for (let i = 0; i + 1 < raw.length; i += 2) if (!DROPPED.has(raw[i]!.toLowerCase())) headers.push(raw[i]!, raw[i + 1]!);
  headers.push(...mark);
  const started = performance.now();
  try {
    const response = await request(new URL(record.url, target.url).href, {
      method: record.method as 'GET',
      headers,
      body: payload,
      headersTimeout: timeoutMs,
      bodyTimeout: timeoutMs,
    });
    const headersAt = performance.now();
    const tap = new BodyTap(options.bodyLimit ?? BODY_LIMIT);
    for await (const chunk of response.body) tap.take(chunk as Buffer);
    const latencyMs = Math.round(((options.latency === 'headers' ? headersAt : performance.now()) - started) * 1000) / 1000;
    const flat: HeaderList = [];
    for (const [name, value] of Object.entries(response.headers)) for (const one of Array.isArray(value) ? value : [value ?? '']) flat.push([name, one]);
    const side: ReplaySide = { environment: target.name, source: 'live', status: response.statusCode, latencyMs, headers: flat };
    if (tap.size > 0) side.body = tap.body();
    return side;
  } catch (error) {
    return { environment: target.name, source: 'live', status: 0, latencyMs: null, headers: [], error: (error as Error).message };
  }
}

function pairs(flat: readonly string[]): HeaderList {
  const out: HeaderList = [];
  for (let i = 0; i + 1 < flat.length; i += 2) out.push([flat[i]!, flat[i + 1]!]);
  return out;
}
