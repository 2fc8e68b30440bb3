import type http from 'node:http';
import type { UpstreamError } from './upstream-errors';

/** One environment as the upstream clients see it. */
export interface Upstream {
  name: string;
  url: string;
  /** Accept a self-signed certificate from an https:// upstream. */
  allowSelfSigned?: boolean;
}

export type ForwardErrorHandler = (error: UpstreamError) => void;

/** What the exchange learns from an upstream's response headers. */
export interface ResponseWatch {
  /** The upstream's response headers arrived (the inspector's upstream latency). */
  upstreamAnswered(): void;
  /** The answer is an event stream (text/event-stream), now flowing. */
  streamStarted(): void;
  /** The environment set a cookie named like a session (connect.sid, PHPSESSID...): it keeps state per client. */
  sessionCookie(name: string): void;
}

/** The cookie's name when a Set-Cookie value looks like an app's session cookie (not one of Turnout's). */
export function sessionCookieName(setCookie: string): string | undefined {
  const name = setCookie.slice(0, setCookie.indexOf('=')).trim();
  return /sess|sid/i.test(name) && !name.startsWith('turnout_') ? name : undefined;
}

/** An upstream call the exchange may have to end early. */
export interface InFlightCall {
  /** The client went away before the call completed: stop the upstream work too. */
  clientClosed(): void;
  /** Whether the answer is an event stream (text/event-stream) still flowing. */
  readonly stream: boolean;
  /** An update drain: end an event stream cleanly after the event in progress; anything else is left alone. */
  endStream(): void;
}

/**
 * What both upstream clients (undici for plain HTTP, http-proxy for WebSockets and as the
 * fallback) share: their types, the "answered" mark the retry logic reads, the
 * X-Forwarded-* headers, and which headers are hop-by-hop.
 */
const kForwarded = Symbol('turnout.forwarded');
const kAnswered = Symbol('turnout.answered');

type Tagged<T> = T & { [kForwarded]?: true; [kAnswered]?: true };

/** The upstream's status line arrived for this response: from here it must not be retried. */
export function markAnswered(res: http.ServerResponse): void {
  (res as Tagged<http.ServerResponse>)[kAnswered] = true;
}

export function isAnswered(res: http.ServerResponse): boolean {
  return (res as Tagged<http.ServerResponse>)[kAnswered] === true;
}

/** Does the request carry a body (Content-Length above 0, or any Transfer-Encoding)? */
export function hasRequestBody(req: http.IncomingMessage): boolean {
  const headers = req.headers;
  const length = headers['content-length'];
  return headers['transfer-encoding'] !== undefined || (length !== undefined && length !== '0');
}

/** X-Forwarded-For/-Port/-Proto appended, -Host set if absent; once per request even when retried. */
export function addForwardedHeaders(req: http.IncomingMessage): void {
  const tagged = req as Tagged<http.IncomingMessage>;
  if (tagged[kForwarded]) return;
  tagged[kForwarded] = true;
  const headers = req.headers;
  const socket = req.socket;
  const proto = (socket as { encrypted?: boolean }).encrypted === true ? 'https' : 'http';
  headers['x-forwarded-for'] = append(headers['x-forwarded-for'], socket.remoteAddress ?? '');
  headers['x-forwarded-port'] = append(headers['x-forwarded-port'], String(socket.localPort ?? ''));
  headers['x-forwarded-proto'] = append(headers['x-forwarded-proto'], proto);
  if (!headers['x-forwarded-host'] && headers.host) headers['x-forwarded-host'] = headers.host;
}

function append(previous: string | string[] | undefined, value: string): string {
  return previous ? `${String(previous)},${value}` : value;
}

/**
 * Hop-by-hop (RFC 9110 §7.6.1) and the X-Forwarded-* headers Turnout rewrites, by length
 * first so the common header costs no lower-casing. `expect` too: Node's server already
 * answered the 100-continue, so the upstream must not wait for one.
 */
const SKIPPED = new Set(['connection', 'keep-alive', 'proxy-connection', 'transfer-encoding', 'te', 'trailer', 'upgrade', 'expect', 'x-forwarded-for', 'x-forwarded-port', 'x-forwarded-proto', 'x-forwarded-host']);
const SKIPPED_LENGTHS = new Set([...SKIPPED].map((name) => name.length));

/** Is this request header one Turnout drops or rewrites rather than passes on? */
export function isSkippedRequestHeader(name: string): boolean {
  return SKIPPED_LENGTHS.has(name.length) && SKIPPED.has(name.toLowerCase());
}

export const HOP_BY_HOP_NAMES = ['connection', 'keep-alive', 'proxy-connection', 'transfer-encoding', 'te', 'trailer', 'upgrade'] as const;
const HOP_BY_HOP: ReadonlySet<string> = new Set(HOP_BY_HOP_NAMES);

/** Response headers that describe the upstream connection, not the response. */
export function isHopByHop(lowerName: string): boolean {
  return HOP_BY_HOP.has(lowerName);
}
