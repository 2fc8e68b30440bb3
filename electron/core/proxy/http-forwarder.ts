import type http from 'node:http';
import type { Duplex } from 'node:stream';
import { createProxyServer } from 'http-proxy-3';
import { EventBoundary, isEventStream } from './event-stream';
import { addForwardedHeaders, hasRequestBody, HOP_BY_HOP_NAMES, isAnswered, markAnswered, sessionCookieName, type ForwardErrorHandler, type InFlightCall, type ResponseWatch, type Upstream } from './forwarding';
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
export type { ForwardErrorHandler, InFlightCall, Upstream };

const kClient = Symbol('turnout.client');
const kCall = Symbol('turnout.call');
const kUpgrade = Symbol('turnout.upgrade');
/** Response headers Turnout sets itself (an upstream's X-Served-By must not replace Turnout's). */
const OWN_HEADERS = ['x-served-by', 'x-request-id', 'set-cookie'];

/** What a WebSocket upgrade carries to the 101: Turnout's own headers, and who to tell once it is open. */
interface UpgradeTag {
  own: readonly string[];
  opened: (upstream: Duplex) => void;
}

type Tagged<T> = T & { [kClient]?: http.ServerResponse; [kCall]?: ProxiedCall; [kUpgrade]?: UpgradeTag };

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
    // A WebSocket handshake: this listener runs before http-proxy's own 'upgrade' listener, which
    // writes the 101 from proxyRes.headers, so Turnout's headers go into the 101 it sends.
    this.proxy.on('proxyReqWs', (proxyReq, req) => {
      const tag = (req as Tagged<http.IncomingMessage>)[kUpgrade];
      if (!tag) return;
      proxyReq.on('upgrade', (proxyRes: http.IncomingMessage, upstreamSocket: Duplex) => {
        withOwnHeaders(proxyRes, tag.own);
        (upstreamSocket as Tagged<Duplex>)[kUpgrade] = tag;
      });
    });
    // Emitted once http-proxy has piped the two sockets together.
    this.proxy.on('open', (upstreamSocket: Duplex) => (upstreamSocket as Tagged<Duplex>)[kUpgrade]?.opened(upstreamSocket));
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
  web(req: http.IncomingMessage, res: http.ServerResponse, upstream: Upstream, own: readonly string[], onError: ForwardErrorHandler, watch: ResponseWatch): InFlightCall {
    if (this.fast && !hasRequestBody(req)) return this.fast.web(req, res, upstream, own, onError, watch);
    addForwardedHeaders(req);
    // http-proxy copies the upstream's headers with setHeader, so Turnout's go in the same way
    // (replacing a failed attempt's, which never reached the client).
    for (const name of OWN_HEADERS) res.removeHeader(name);
    for (let i = 0; i < own.length; i += 2) res.appendHeader(own[i]!, own[i + 1]!);
    const call = new ProxiedCall(res, watch);
    (res as Tagged<http.ServerResponse>)[kCall] = call;
    this.proxy.web(req, res, { target: upstream.url, agent: this.agents.agentFor(upstream.url), secure: !upstream.allowSelfSigned }, (error) =>
      onError(error as UpstreamError),
    );
    return call;
  }

  /** A WebSocket upgrade; `opened` gets the environment's socket once the 101 went to the client. */
  ws(req: http.IncomingMessage, socket: Duplex, head: Buffer, upstream: Upstream, own: readonly string[], opened: (upstream: Duplex) => void, onError: ForwardErrorHandler): void {
    addForwardedHeaders(req);
    (req as Tagged<http.IncomingMessage>)[kUpgrade] = { own, opened };
    this.proxy.ws(req, socket, head, { target: upstream.url, secure: !upstream.allowSelfSigned }, (error) => onError(error as UpstreamError));
  }

  /** Closes the idle kept-alive connections to one upstream (drained for an update: it may restart). */
  release(url: string): void {
    this.agents.release(url);
    this.fast?.release(url);
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
    // http-proxy-3 drops Connection, Keep-Alive and Transfer-Encoding for an HTTP/2 client;
    // node:http2 refuses the other connection-specific ones too (Upgrade, Proxy-Connection, TE).
    if (res.req.httpVersionMajor === 2) for (const name of HOP_BY_HOP_NAMES) delete proxyRes.headers[name];
    delete proxyRes.headers['x-request-id'];
    res[kCall]?.watch.upstreamAnswered();
    const ours = res.getHeader('set-cookie');
    const theirs = proxyRes.headers['set-cookie'];
    for (const cookie of theirs ?? []) {
      const session = sessionCookieName(cookie);
      if (session !== undefined) res[kCall]?.watch.sessionCookie(session);
    }
    if (ours !== undefined && theirs !== undefined) proxyRes.headers['set-cookie'] = [...theirs, ...(Array.isArray(ours) ? ours : [String(ours)])];
    res[kCall]?.answered(proxyRes);
  }
}

/** Turnout's own headers into an upstream's 101: X-Served-By replaces the upstream's, cookies add to its own. */
function withOwnHeaders(proxyRes: http.IncomingMessage, own: readonly string[]): void {
  const headers = proxyRes.headers;
  for (let i = 0; i < own.length; i += 2) {
    const name = own[i]!;
    const value = own[i + 1]!;
    if (name === 'set-cookie') headers['set-cookie'] = [...(headers['set-cookie'] ?? []), value];
    else headers[name] = value;
  }
}

/**
 * A request on the http-proxy path: it cancels its own upstream call when the client
 * leaves; this adds what an update drain needs, ending an event stream between two events.
 */
class ProxiedCall implements InFlightCall {
  private source: http.IncomingMessage | undefined;
  private events: EventBoundary | undefined;
  private ending = false;

  constructor(
    private readonly res: Tagged<http.ServerResponse>,
    readonly watch: ResponseWatch,
  ) {}

  get stream(): boolean {
    return this.events !== undefined;
  }

  answered(proxyRes: http.IncomingMessage): void {
    if (!isEventStream(proxyRes.headers['content-type'])) return;
    this.source = proxyRes;
    const events = (this.events = new EventBoundary());
    // After http-proxy's pipe listener: the chunk has been written when this sees it.
    proxyRes.on('data', (chunk: Buffer) => {
      events.observe(chunk);
      if (this.ending && events.atBoundary) this.endNow();
    });
    this.watch.streamStarted();
  }

  clientClosed(): void {
    // http-proxy aborts the upstream request itself when the client leaves.
  }

  endStream(): void {
    if (!this.events || this.ending) return;
    this.ending = true;
    if (this.events.atBoundary) this.endNow();
  }

  private endNow(): void {
    const source = this.source!;
    source.unpipe(this.res);
    // Not a cut: the client's response ends complete, so the upstream's close must not destroy it.
    delete (source as Tagged<http.IncomingMessage>)[kClient];
    this.res.end();
    source.destroy();
  }
}

function onUpstreamSilent(this: http.ClientRequest): void {
  this.destroy(upstreamError(UPSTREAM_TIMEOUT, 'upstream sent nothing in time'));
}

function cutClientIfIncomplete(this: Tagged<http.IncomingMessage>): void {
  const res = this[kClient];
  if (!this.complete && res && !res.writableFinished) res.destroy();
}
