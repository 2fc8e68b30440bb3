import type http from 'node:http';
import type { Duplex } from 'node:stream';
import { createProxyServer } from 'http-proxy-3';
import { addForwardedHeaders, hasRequestBody, isAnswered, markAnswered } from './forwarding';
import { UndiciForwarder } from './undici-forwarder';
import { PROXY_DEFAULTS, type ForwarderTimeouts, UpstreamAgents } from './upstream-agents';
import { UPSTREAM_TIMEOUT, upstreamError, type UpstreamError } from './upstream-errors';

/**
 * The single place requests go upstream. Body-less HTTP(S) requests take the fast client
 * (undici-forwarder.ts) unless TURNOUT_UPSTREAM_CLIENT=http-proxy. Requests with a body and
 * WebSocket upgrades go through http-proxy (http-proxy-3, the maintained drop-in and the
 * library of record: it fixes stock http-proxy's Trailer-header crash and its WebSocket
 * socket leaks). Uploads stay on it because undici's stream-body path grew the process
 * ~30 MB more in the 100 MB upload test. This is the only module that touches http-proxy;
 * it always passes an error callback, because http-proxy throws on an unhandled `error`.
 */
export interface Upstream {
  name: string;
  url: string;
  /** Accept a self-signed certificate from an https:// upstream. */
  allowSelfSigned?: boolean;
}

export type ForwardErrorHandler = (error: UpstreamError) => void;

/** An upstream call the exchange must tell when the client goes away before it completes. */
export interface InFlightCall {
  clientClosed(): void;
}

const kClient = Symbol('turnout.client');
/** Response headers Turnout sets itself (an upstream's X-Served-By must not replace Turnout's). */
const OWN_HEADERS = ['x-served-by', 'set-cookie'];

type Tagged<T> = T & { [kClient]?: http.ServerResponse };

/**
 * Which client serves body-less HTTP, read once at start so a process never mixes the two.
 * undici by default: it costs about half the CPU per request of http-proxy and nearly
 * doubles throughput (bench/README.md). Its price is a higher but flat memory plateau while
 * streaming big responses (~65 MB of RSS against ~40 MB, the same for 100 or 300 MB: it
 * does not grow with the size). TURNOUT_UPSTREAM_CLIENT=http-proxy switches back.
 */
export type UpstreamClient = 'undici' | 'http-proxy';
export const UPSTREAM_CLIENT: UpstreamClient = process.env.TURNOUT_UPSTREAM_CLIENT === 'http-proxy' ? 'http-proxy' : 'undici';

export class HttpForwarder {
  private readonly proxy = createProxyServer({ xfwd: false, ws: true });
  private readonly agents = new UpstreamAgents();
  private timeouts: ForwarderTimeouts = PROXY_DEFAULTS;
  private readonly fast = UPSTREAM_CLIENT === 'undici' ? new UndiciForwarder() : undefined;

  constructor() {
    // Errors are handled per call; this listener only keeps a stray one from killing the process.
    this.proxy.on('error', () => undefined);
    this.proxy.on('proxyReq', (proxyReq) => {
      // Socket inactivity timer (Node's timer list, no timer object per request).
      proxyReq.setTimeout(this.timeouts.responseTimeoutMs, onUpstreamSilent);
    });
    this.proxy.on('proxyRes', (proxyRes, _req, res) => this.onResponse(proxyRes, res as Tagged<http.ServerResponse>));
  }

  configure(timeouts: ForwarderTimeouts): void {
    this.timeouts = timeouts;
    this.agents.configure(timeouts);
    this.fast?.configure(timeouts);
  }

  /**
   * Forwards one attempt. `own` is Turnout's response headers as a flat name/value list
   * (X-Served-By, a sticky Set-Cookie): they win over the upstream's X-Served-By, and the
   * cookie comes after the upstream's own. Returns the call when the client leaving must
   * cancel it (http-proxy cancels its own).
   */
  web(req: http.IncomingMessage, res: http.ServerResponse, upstream: Upstream, own: readonly string[], onError: ForwardErrorHandler): InFlightCall | undefined {
    if (this.fast && !hasRequestBody(req)) return this.fast.web(req, res, upstream, own, onError);
    addForwardedHeaders(req);
    // http-proxy copies the upstream's headers with setHeader, so Turnout's go in the same way
    // (replacing a failed attempt's, which never reached the client).
    for (const name of OWN_HEADERS) res.removeHeader(name);
    for (let i = 0; i < own.length; i += 2) res.setHeader(own[i]!, own[i + 1]!);
    this.proxy.web(req, res, { target: upstream.url, agent: this.agents.agentFor(upstream.url), secure: !upstream.allowSelfSigned }, (error) =>
      onError(error as UpstreamError),
    );
    return undefined;
  }

  ws(req: http.IncomingMessage, socket: Duplex, head: Buffer, upstream: Upstream, onError: ForwardErrorHandler): void {
    addForwardedHeaders(req);
    this.proxy.ws(req, socket, head, { target: upstream.url, secure: !upstream.allowSelfSigned }, (error) => onError(error as UpstreamError));
  }

  /** Did the upstream answer this request (status line received)? Then it must not be retried. */
  static answered(res: http.ServerResponse): boolean {
    return isAnswered(res);
  }

  /** Drops agents of upstreams no longer configured, closing their idle sockets. */
  retain(urls: readonly string[]): void {
    this.agents.retain(urls);
    this.fast?.retain(urls);
  }

  close(): void {
    this.agents.close();
    this.fast?.close();
  }

  private onResponse(proxyRes: Tagged<http.IncomingMessage>, res: Tagged<http.ServerResponse>): void {
    markAnswered(res);
    // Headers are in: from here a silent upstream is an idle stream (SSE, long poll), not a slow answer.
    proxyRes.socket.setTimeout(this.timeouts.idleTimeoutMs);
    // http-proxy pipes the body but does not pass on an upstream that dies mid-response;
    // without this the client would wait for bytes that never come.
    proxyRes[kClient] = res;
    proxyRes.once('close', cutClientIfIncomplete);
    if (res.hasHeader('x-served-by')) delete proxyRes.headers['x-served-by'];
    const ours = res.getHeader('set-cookie');
    const theirs = proxyRes.headers['set-cookie'];
    if (ours !== undefined && theirs !== undefined) proxyRes.headers['set-cookie'] = [...theirs, ...(Array.isArray(ours) ? ours : [String(ours)])];
  }
}

function onUpstreamSilent(this: http.ClientRequest): void {
  this.destroy(upstreamError(UPSTREAM_TIMEOUT, 'upstream sent nothing in time'));
}

function cutClientIfIncomplete(this: Tagged<http.IncomingMessage>): void {
  const res = this[kClient];
  if (!this.complete && res && !res.writableFinished) res.destroy();
}
