import { readCookie } from './cookies';

/**
 * Tester pins force an environment for one request, over the ratio, over weight 0 and over
 * an update drain (that is how the updated side is checked before the swap), but never over
 * health: a pin to a down environment falls back to the normal pick. Three ways in:
 *   header  `X-Turnout-Env: green`   (curl, API clients): this request only
 *   query   `?turnout-env=green`     (a link to share): this request, and Turnout answers with
 *           the pin cookie, so everything the page loads next (its bundle, XHR, Socket.IO,
 *           SSE) follows it. `?turnout-env=` (empty) clears it. The parameter is forwarded
 *           unchanged: rewriting URLs would surprise apps that sign or cache them.
 *   cookie  `turnout_env=green`      (a browser session, set by hand or by the query)
 * The header wins over the query, the query over the cookie (a link just opened is newer).
 */
export const PIN_HEADER = 'x-turnout-env';
export const PIN_COOKIE = 'turnout_env';
export const PIN_QUERY = 'turnout-env';

interface PinnableRequest {
  url?: string | undefined;
  headers: { [PIN_HEADER]?: string | string[] | undefined; cookie?: string | undefined };
}

/** The environment a request pins, lowercase, or undefined. Cheap when there is no pin. */
export function requestedPin(req: PinnableRequest): string | undefined {
  const header = req.headers[PIN_HEADER];
  if (header !== undefined) return (Array.isArray(header) ? header[0] : header)?.trim().toLowerCase() || undefined;
  const query = queryPin(req.url);
  if (query !== undefined) return query || undefined;
  return readCookie(req.headers.cookie, PIN_COOKIE)?.toLowerCase();
}

/**
 * The Set-Cookie that makes a query pin stick for the rest of the page (or clears it with an
 * empty value), when the cookie does not already say so; undefined otherwise.
 */
export function pinCookieFor(req: PinnableRequest, known: ReadonlySet<string>): string | undefined {
  const query = queryPin(req.url);
  if (query === undefined) return undefined;
  const cookie = readCookie(req.headers.cookie, PIN_COOKIE)?.toLowerCase();
  if (query === '') return cookie === undefined ? undefined : `${PIN_COOKIE}=; Path=/; Max-Age=0; SameSite=Lax`;
  if (!known.has(query) || cookie === query) return undefined;
  return `${PIN_COOKIE}=${query}; Path=/; SameSite=Lax`;
}

/** The query pin's value: lowercase, '' for "clear", undefined when there is none. */
function queryPin(url: string | undefined): string | undefined {
  if (url === undefined) return undefined;
  const query = url.indexOf('?');
  if (query === -1) return undefined;
  const at = url.indexOf(`${PIN_QUERY}=`, query);
  if (at === -1) return undefined;
  const before = url[at - 1];
  if (before !== '?' && before !== '&') return undefined;
  const start = at + PIN_QUERY.length + 1;
  const end = url.indexOf('&', start);
  const value = url.slice(start, end === -1 ? undefined : end);
  try {
    return decodeURIComponent(value).trim().toLowerCase();
  } catch {
    return undefined;
  }
}
