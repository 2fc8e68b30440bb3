import type http from 'node:http';
import type { MetricsRecorder } from '../metrics/metrics-recorder';
import type { EnvironmentMeter } from '../metrics/environment-meter';
import type { HealthView, Router } from '../balancer/router';
import { sendErrorPage } from './error-pages';
import type { ResponseWatch } from './forwarding';
import { HttpForwarder, type InFlightCall, type Upstream } from './http-forwarder';
import { ownResponseHeaders } from './own-headers';
import { CONNECT_TIMEOUT, isConnectFailure, isRetryable, UPSTREAM_TIMEOUT, type UpstreamError } from './upstream-errors';
import type { WebSocketTunnel } from './websocket-tunnel';
import { BodyTap, tapResponse } from '../inspect/body-tap';
import { SHADOW_BODY_LIMIT, type RawRecord, type RecordSink } from '../inspect/raw-record';
import { recordOf } from '../inspect/record-of';
import type { ShadowSampler } from '../inspect/shadow-sampler';
import { hasRequestBody } from './forwarding';

/** Health as the proxy feeds it: the balancer's seam plus the passive signals. */
export interface PassiveHealth extends HealthView {
  reportConnectFailure(name: string, reason: string): void;
  reportResponse(name: string, status: number): void;
}

/** What one exchange needs from the proxy server. */
export interface ExchangeContext {
  readonly router: Router;
  readonly forwarder: HttpForwarder;
  readonly health: PassiveHealth;
  readonly metrics: MetricsRecorder;
  readonly servedByHeader: boolean;
  /** Open WebSocket tunnels: closed on stop, or the listener could never finish closing. */
  readonly tunnels: Set<WebSocketTunnel>;
  /** Requests in flight: an update drain ends the event streams among them, then cuts what is left at its deadline. */
  readonly exchanges: Set<Exchange>;
  environment(name: string): Upstream | undefined;
  liveChanged(): void;
  /** Whether traffic that needs affinity is still worth looking for (round robin, nothing seen yet). */
  readonly watchingAffinity: boolean;
  /** Traffic that needs affinity was seen under round robin: why, in words. */
  affinitySeen(reason: string): void;
  /** Where request records go; undefined while recording is off (then nothing is measured for it). */
  readonly recorder: RecordSink | undefined;
  /** Bytes of each body to keep with the record; 0: none. */
  readonly bodyLimit: number;
  /** Picks the requests a running shadow compares (only while recording). */
  readonly shadowSampler: ShadowSampler;
}

/** Serves one HTTP request: route, forward, retry once if it is safe, account for it. */
export function serveRequest(ctx: ExchangeContext, req: http.IncomingMessage, res: http.ServerResponse): void {
  // Socket.IO / engine.io long-polling: each poll must reach the server holding the session.
  if (ctx.watchingAffinity && req.url!.includes('EIO=') && req.url!.includes('transport=polling')) ctx.affinitySeen('Socket.IO long-polling');
  const name = ctx.router.route(req);
  const upstream = name === undefined ? undefined : ctx.environment(name);
  if (!upstream) {
    sendErrorPage(res, 503, 'every environment is down or has weight 0');
    return;
  }
  new Exchange(ctx, req, res).send(upstream);
}

/**
 * One request's life. At most two attempts; the second only for an idempotent request
 * without a body whose first environment failed before answering. In-flight counts follow
 * the request to whichever environment holds it, so "drained" is exact.
 */
export class Exchange implements ResponseWatch {
  private upstream!: Upstream;
  private meter!: EnvironmentMeter;
  private attempt = -1;
  private failed = false;
  private closed = false;
  private readonly started = performance.now();
  /** When the upstream's response headers came in (0: not yet); read only when recording. */
  private answeredAt = 0;
  /** Recording only: the socket's bytes written when this request began, and the body taps. */
  private writtenBefore = 0;
  private requestTap: BodyTap | undefined;
  private responseTap: BodyTap | undefined;
  /** A shadow sample only: the answer as the client gets it, and the shadow run it belongs to. */
  private shadowTap: BodyTap | undefined;
  private shadowRun = 0;
  private errorText: string | undefined;

  /** The running attempt's upstream call, told when the client leaves first. */
  private call: InFlightCall | undefined;

  constructor(
    private readonly ctx: ExchangeContext,
    private readonly req: http.IncomingMessage,
    private readonly res: http.ServerResponse,
  ) {
    // The one 'close' listener of the response: it ends the exchange and, if the client left early,
    // the upstream call. 'close' fires once, so `on` (no once-wrapper to build and remove) is enough.
    res.on('close', () => this.finish());
    ctx.exchanges.add(this);
    if (ctx.recorder) {
      this.writtenBefore = req.socket.bytesWritten;
      if (ctx.bodyLimit > 0) tapResponse(res, (this.responseTap = new BodyTap(ctx.bodyLimit)));
    }
  }

  /** The environment holding it now (a retry moves it). */
  get environment(): string {
    return this.upstream.name;
  }

  /** An update drain's grace ended: an event stream ends cleanly after the event in progress. */
  endStream(): void {
    this.call?.endStream();
  }

  /** An update drain's deadline: whatever is still in flight is cut (the client sees it; a truncated body is never passed off as whole). */
  cut(): void {
    this.res.destroy();
  }

  streamStarted(): void {
    this.meter.openStreams++;
    this.ctx.liveChanged();
  }

  upstreamAnswered(): void {
    this.answeredAt = performance.now();
  }

  sessionCookie(name: string): void {
    if (this.ctx.watchingAffinity) this.ctx.affinitySeen(`a session cookie (${name}) set by ${this.upstream.name}`);
  }

  send(upstream: Upstream): void {
    const { ctx } = this;
    const attempt = ++this.attempt;
    this.upstream = upstream;
    this.meter = ctx.metrics.meter(upstream.name);
    this.meter.requests++;
    this.meter.inFlight++;
    ctx.liveChanged();
    // Turnout's own response headers, as a flat list the forwarder adds to the upstream's
    // (res.setHeader here would push every response through writeHead's slow merge path).
    const own = ownResponseHeaders(ctx, this.req, upstream.name);
    this.call = ctx.forwarder.web(this.req, this.res, upstream, own, (error) => this.onError(attempt, error), this);
    // After web(): http-proxy pipes the request body synchronously there, so the tap misses nothing.
    if (attempt === 0 && ctx.bodyLimit > 0 && ctx.recorder && hasRequestBody(this.req)) this.req.on('data', (this.requestTap = new BodyTap(ctx.bodyLimit)).take);
    // Picked where it is served, so the pair compares the client's real answer: teed as it is
    // written to the client (never held back), nothing allocated for a request not picked.
    if (attempt === 0 && ctx.recorder && ctx.shadowSampler.active && (this.shadowRun = ctx.shadowSampler.pick(this.req, upstream.name)) !== 0) {
      tapResponse(this.res, (this.shadowTap = new BodyTap(SHADOW_BODY_LIMIT)));
    }
  }

  private onError(attempt: number, error: UpstreamError): void {
    // A late error from a superseded attempt, or a client that already left: nothing to answer.
    if (attempt !== this.attempt || this.failed || this.closed) return;
    const { ctx, req, res, upstream } = this;
    this.meter.errors++;
    if (isConnectFailure(error)) ctx.health.reportConnectFailure(upstream.name, error.code!);
    if (attempt === 0 && !res.headersSent && !HttpForwarder.answered(res) && !req.socket.destroyed && isRetryable(req, error)) {
      const next = ctx.router.route(req, upstream.name);
      const nextUpstream = next === undefined ? undefined : ctx.environment(next);
      if (nextUpstream) {
        this.meter.retries++;
        this.meter.inFlight--;
        this.send(nextUpstream);
        return;
      }
    }
    this.failed = true;
    if (ctx.recorder) this.errorText = describe(error);
    const timedOut = error.code === UPSTREAM_TIMEOUT || error.code === CONNECT_TIMEOUT;
    sendErrorPage(res, timedOut ? 504 : 502, `environment "${upstream.name}" at ${upstream.url} failed: ${describe(error)}`);
  }

  private finish(): void {
    this.closed = true;
    this.ctx.exchanges.delete(this);
    this.call?.clientClosed();
    const { meter, res } = this;
    meter.inFlight--;
    if (this.call?.stream) meter.openStreams--;
    if (!this.failed && HttpForwarder.answered(res)) {
      meter.recordResponse(res.statusCode, (performance.now() - this.started) * 1000);
      this.ctx.health.reportResponse(this.upstream.name, res.statusCode);
    }
    this.ctx.liveChanged();
    this.ctx.recorder?.add(this.record());
  }

  /** What the inspector keeps of this request (inspect/record-of.ts). */
  private record(): RawRecord {
    const { req, upstream, attempt } = this;
    const record = recordOf(req, this.res, {
      started: this.started,
      answeredAt: this.answeredAt,
      attempts: attempt + 1,
      environment: upstream.name,
      reason: attempt > 0 ? 'retry' : this.ctx.router.reasonFor(req, upstream.name),
      writtenBefore: this.writtenBefore,
      errorText: this.errorText,
      requestTap: this.requestTap,
      responseTap: this.responseTap,
    });
    if (this.shadowTap) record.shadow = { run: this.shadowRun, body: this.shadowTap.body() };
    return record;
  }
}

function describe(error: UpstreamError): string {
  const what = error.code ?? error.message;
  // The one failure a person can fix with a switch: say which.
  return /SELF_SIGNED|UNABLE_TO_VERIFY|CERT_/.test(what) ? `${what} (turn on "allow self-signed" for this environment to accept it)` : what;
}
