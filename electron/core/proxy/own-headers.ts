import type http from 'node:http';
import type { Router } from '../balancer/router';
import { requestIdOf } from '../inspect/request-id';

/**
 * Turnout's own response headers for one request to `environment`, as a flat name/value
 * list: X-Served-By, the sticky cookie when the client is (re)pinned, and the tester pin
 * cookie a `?turnout-env=` link sets, and X-Request-Id (the client's, or the one Turnout
 * gave the request and sent upstream). The same for HTTP responses and WebSocket 101s.
 */
export function ownResponseHeaders(ctx: { readonly router: Router; readonly servedByHeader: boolean }, req: http.IncomingMessage, environment: string): string[] {
  const own: string[] = [];
  if (ctx.servedByHeader) own.push('x-served-by', environment);
  own.push('x-request-id', requestIdOf(req));
  const sticky = ctx.router.stickyCookieFor(req, environment);
  if (sticky !== undefined) own.push('set-cookie', sticky);
  const pin = ctx.router.pinCookieFor(req);
  if (pin !== undefined) own.push('set-cookie', pin);
  return own;
}
