import type http from 'node:http';
import type { Dispatcher } from 'undici';
import { EventBoundary, isEventStream } from './event-stream';
import { addForwardedHeaders, HOP_BY_HOP_NAMES, isHopByHop, isSkippedRequestHeader, markAnswered, sessionCookieName, type ForwardErrorHandler, type InFlightCall, type ResponseWatch, type Upstream } from './forwarding';
import { UpstreamPools } from './upstream-pools';
import { assignedRequestId } from '../inspect/request-id';
import type { ForwarderTimeouts } from './upstream-agents';
import { CONNECT_TIMEOUT, UPSTREAM_TIMEOUT, upstreamError, type UpstreamError } from './upstream-errors';

/**
 * Body-less HTTP(S) requests (GET, HEAD, DELETE...: the bulk of traffic) upstream through
 * undici's dispatcher, the fast path (bench/README.md: a fraction of http-proxy's CPU per
 * request). Requests with a body stay on http-proxy (see http-forwarder.ts). The response
 * streams with backpressure, never buffered whole. It keeps
 * http-proxy's behaviour: X-Forwarded-* once, hop-by-hop headers dropped, Turnout's own
 * X-Served-By and sticky Set-Cookie kept, the client cut when the upstream dies
 * mid-response, and errors carrying the codes the retry logic knows (upstream-errors.ts).
 */
export class UndiciForwarder {
  private readonly pools = new UpstreamPools();

  configure(timeouts: ForwarderTimeouts): void {
    this.pools.configure(timeouts);
  }

  web(req: http.IncomingMessage, res: http.ServerResponse, upstream: Upstream, own: readonly string[], onError: ForwardErrorHandler, watch: ResponseWatch): InFlightCall {
    addForwardedHeaders(req);
    const { pool, prefix } = this.pools.targetFor(upstream);
    const call = new UpstreamCall(res, own, onError, watch);
    pool.dispatch({ path: prefix + (req.url ?? '/'), method: req.method ?? 'GET', headers: requestHeaders(req), body: null }, call);
    return call;
  }

  retain(urls: readonly string[]): void {
    this.pools.retain(urls);
  }

  /** Closes the idle kept-alive connections to one upstream (it was drained for an update). */
  release(url: string): void {
    this.pools.release(url);
  }

  close(): void {
    this.pools.close();
  }
}

/** The client's headers as a flat [name, value, ...] list, minus hop-by-hop ones, plus X-Forwarded-* and X-Request-Id. */
function requestHeaders(req: http.IncomingMessage): string[] {
  const raw = req.rawHeaders;
  const out: string[] = [];
  const assigned = assignedRequestId(req);
  for (let i = 0; i < raw.length; i += 2) {
    const name = raw[i]!;
    if (isSkippedRequestHeader(name)) continue;
    // A client's X-Request-Id Turnout replaced (too long) must not reach the upstream beside the new one.
    if (assigned !== undefined && name.length === 12 && name.toLowerCase() === 'x-request-id') continue;
    out.push(name, raw[i + 1]!);
  }
  if (assigned !== undefined) out.push('x-request-id', assigned);
  const headers = req.headers;
  out.push('x-forwarded-for', headers['x-forwarded-for'] as string, 'x-forwarded-port', headers['x-forwarded-port'] as string, 'x-forwarded-proto', headers['x-forwarded-proto'] as string);
  if (headers['x-forwarded-host'] !== undefined) out.push('x-forwarded-host', String(headers['x-forwarded-host']));
  return out;
}

/** Bodies up to this size are sent with the headers in a single write. */
const SMALL_BODY = 16 * 1024;
/** Lengths of the response header names dropped or read: hop-by-hop ones, X-Served-By, X-Request-Id, Content-Length, Content-Type. */
const ACTED_ON_LENGTHS = new Set([...HOP_BY_HOP_NAMES, 'x-served-by', 'x-request-id', 'content-length', 'content-type'].map((name) => name.length));

/** One attempt's undici handler (the dispatcher's callback interface: one object, no closures). */
class UpstreamCall implements Dispatcher.DispatchHandler, InFlightCall {
  private abort: ((error?: Error) => void) | undefined;
  private resume: (() => void) | undefined;
  private finished = false;
  /** Body bytes still to come when the upstream sent a Content-Length, else -1. */
  remaining = -1;
  /** Set by responseHeaders for a text/event-stream answer. */
  eventStream = false;
  /** An event stream's position: ending it waits for the end of the event in progress. */
  private events: EventBoundary | undefined;
  private ending = false;
  /** The final body chunk, held for onComplete so headers and body leave in one write. */
  private last: Buffer | undefined;

  constructor(
    private readonly res: http.ServerResponse,
    readonly own: readonly string[],
    private readonly onFailure: ForwardErrorHandler,
    readonly watch: ResponseWatch,
  ) {}

  get stream(): boolean {
    return this.events !== undefined;
  }

  onConnect(abort: (error?: Error) => void): void {
    if (this.res.destroyed) abort(upstreamError('ECONNRESET', 'the client left'));
    else this.abort = abort;
  }

  onHeaders(statusCode: number, rawHeaders: Buffer[], resume: () => void, statusText: string): boolean {
    const res = this.res;
    this.resume = resume;
    markAnswered(res);
    this.watch.upstreamAnswered();
    const headers = responseHeaders(this, rawHeaders);
    // HTTP/2 has no reason phrase (node:http2 warns and drops it).
    if (statusText && res.req.httpVersionMajor === 1) res.writeHead(statusCode, statusText, headers);
    else res.writeHead(statusCode, headers);
    if (this.eventStream) {
      this.events = new EventBoundary();
      this.watch.streamStarted();
    }
    return true;
  }

  onData(chunk: Buffer): boolean {
    // Only a chunk known to be the last is held (it completes the Content-Length), so
    // streams (SSE, chunked) still pass through unbuffered.
    if (this.remaining === chunk.length && chunk.length <= SMALL_BODY) {
      this.last = chunk;
      return true;
    }
    if (this.remaining > 0) this.remaining -= chunk.length;
    if (this.events) {
      this.events.observe(chunk);
      const flowing = this.res.write(chunk);
      if (this.ending && this.events.atBoundary) this.endStreamNow();
      if (flowing || this.finished) return true;
      this.res.once('drain', this.resume!);
      return false;
    }
    if (this.res.write(chunk)) return true;
    // Backpressure: the upstream pauses until the client has taken the bytes.
    this.res.once('drain', this.resume!);
    return false;
  }

  onComplete(): void {
    this.finished = true;
    const last = this.last;
    // A latin1 string (byte-exact) lets Node join it to the header: one write syscall, not a writev.
    if (last === undefined) this.res.end();
    else this.res.end(last.toString('latin1'), 'latin1');
  }

  onError(error: Error): void {
    // The abort of an event stream Turnout ended itself is no failure.
    if (this.ending && this.finished) return;
    this.finished = true;
    this.onFailure(normalize(error));
  }

  /** An update drain: end the event stream cleanly after the event in progress, and let go of the upstream. */
  endStream(): void {
    if (!this.events || this.finished) return;
    this.ending = true;
    if (this.events.atBoundary) this.endStreamNow();
  }

  private endStreamNow(): void {
    this.finished = true;
    this.res.end();
    this.abort?.(upstreamError('ECONNRESET', 'the event stream was ended by an update drain'));
  }

  clientClosed(): void {
    // The client left before the upstream finished: stop the upstream work too.
    if (!this.finished) this.abort?.(upstreamError('ECONNRESET', 'the client left'));
  }
}

/**
 * The upstream's headers for the client, as the flat list writeHead takes as is:
 * hop-by-hop ones dropped (Node frames the client connection itself), then Turnout's own
 * (X-Served-By and X-Request-Id replacing the upstream's, a sticky Set-Cookie after the upstream's cookies).
 */
function responseHeaders(call: UpstreamCall, raw: Buffer[]): string[] {
  const out: string[] = [];
  const ownServedBy = call.own[0] === 'x-served-by';
  for (let i = 0; i < raw.length; i += 2) {
    const name = raw[i]!.toString('latin1');
    const value = raw[i + 1]!.toString('latin1');
    // Only names as long as one Turnout acts on are lower-cased (most are not: Content-Type, Date...).
    if (ACTED_ON_LENGTHS.has(name.length)) {
      const lower = name.toLowerCase();
      if (isHopByHop(lower)) continue;
      if (ownServedBy && lower === 'x-served-by') continue;
      // Turnout's X-Request-Id (always in `own`) is the one the client sees.
      if (lower === 'x-request-id') continue;
      if (lower === 'content-length') call.remaining = Number(value);
      else if (lower === 'content-type') call.eventStream = isEventStream(value);
      else if (lower === 'set-cookie') {
        const session = sessionCookieName(value);
        if (session !== undefined) call.watch.sessionCookie(session);
      }
    }
    out.push(name, value);
  }
  for (const header of call.own) out.push(header);
  return out;
}

/** undici's error codes as the ones the retry and health logic understand. */
function normalize(error: UpstreamError): UpstreamError {
  switch (error.code) {
    case 'UND_ERR_CONNECT_TIMEOUT':
      return upstreamError(CONNECT_TIMEOUT, error.message);
    case 'UND_ERR_HEADERS_TIMEOUT':
    case 'UND_ERR_BODY_TIMEOUT':
      return upstreamError(UPSTREAM_TIMEOUT, error.message);
    case 'UND_ERR_SOCKET':
      // The upstream closed or reset the connection (a kept-alive socket it dropped, a killed backend).
      return upstreamError((error.cause as UpstreamError | undefined)?.code === 'EPIPE' ? 'EPIPE' : 'ECONNRESET', error.message);
    default:
      return error;
  }
}
