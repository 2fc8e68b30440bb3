import { readCookie } from './cookies';

/**
 * Tester pins force an environment for one request, over the ratio and over weight 0 (but
 * never over health: a pin to a down environment falls back to the normal pick). Three
 * ways, so any tool can use one:
 *   header  `X-Turnout-Env: green`   (curl, API clients)
 *   cookie  `turnout_env=green`      (a browser session)
 *   query   `?turnout-env=green`     (a link to share). The parameter is forwarded
 *           unchanged: rewriting URLs would surprise apps that sign or cache them.
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
  const cookie = readCookie(req.headers.cookie, PIN_COOKIE);
  if (cookie !== undefined) return cookie.toLowerCase();
  return queryPin(req.url);
}

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
    return decodeURIComponent(value).toLowerCase() || undefined;
  } catch {
    return undefined;
  }
}
