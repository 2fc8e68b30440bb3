import type http from 'node:http';
import type { Duplex } from 'node:stream';

/**
 * The request-target forms of RFC 9112 §3.2 that Turnout serves, before anything reads
 * the URL or the Host. Origin-form (`/path?query`) passes untouched: one character test on
 * the hot path. Absolute-form (`GET http://host/path`, what a client sends to a forward
 * proxy) is what §3.2.2 tells a server to accept: its authority replaces Host, and the
 * environment gets origin-form, so neither an app nor the router sees a path or a Host the
 * other part of the request contradicts. Asterisk-form (`OPTIONS *`) passes as before.
 * CONNECT (authority-form) never gets here: Node's server has no 'connect' listener and
 * closes such connections. Anything else is refused.
 */
export type TargetVerdict = { ok: true } | { ok: false; reason: string };

const OK: TargetVerdict = { ok: true };
const SLASH = 47;
/** scheme "://" authority, then the rest (path, query): the only form with "://" before any "/". */
const ABSOLUTE_FORM = /^([A-Za-z][A-Za-z0-9+.-]*):\/\/([^/?#]*)(.*)$/s;

export function toOriginForm(req: http.IncomingMessage): TargetVerdict {
  const url = req.url ?? '';
  if (url.charCodeAt(0) === SLASH) return OK;
  if (url === '*' && req.method === 'OPTIONS') return OK;
  const match = ABSOLUTE_FORM.exec(url);
  if (!match) return { ok: false, reason: 'the request target is not a path or an absolute http(s) URL' };
  const [, scheme, authority, rest] = match as unknown as [string, string, string, string];
  const lower = scheme.toLowerCase();
  if (lower !== 'http' && lower !== 'https') return { ok: false, reason: `the request target's scheme ${scheme} is not http or https` };
  // RFC 9110 §4.2.1: an empty host is invalid; §4.2.4: userinfo in an http(s) URI is an error.
  if (authority === '') return { ok: false, reason: 'the request target has no host' };
  if (authority.includes('@')) return { ok: false, reason: 'the request target carries user information' };
  req.url = rest === '' ? '/' : rest.charCodeAt(0) === SLASH ? rest : `/${rest}`;
  replaceHost(req, authority);
  return OK;
}

/** Host becomes the authority in both views of the headers: undici forwards rawHeaders, http-proxy and the router read headers. */
function replaceHost(req: http.IncomingMessage, authority: string): void {
  const raw = req.rawHeaders;
  let found = false;
  for (let i = 0; i < raw.length; i += 2) {
    if (raw[i]!.length !== 4 || raw[i]!.toLowerCase() !== 'host') continue;
    if (found) {
      // A second Host line would contradict the one the authority chose: drop it.
      raw.splice(i, 2);
      i -= 2;
      continue;
    }
    raw[i + 1] = authority;
    found = true;
  }
  if (!found) raw.push('Host', authority);
  req.headers.host = authority;
}

/** For the 'request' event: true to go on, or the client got its 400 (and the connection closes). */
export function acceptTarget(req: http.IncomingMessage, res: http.ServerResponse): boolean {
  const verdict = toOriginForm(req);
  if (verdict.ok) return true;
  const body = `400 Bad request\n\nTurnout refused this request: ${verdict.reason}\n`;
  const headers: http.OutgoingHttpHeaders = { 'content-type': 'text/plain; charset=utf-8', 'content-length': Buffer.byteLength(body), 'x-turnout-error': 'bad-target' };
  // HTTP/2 has no Connection header (node:http2 refuses it); the stream just ends.
  if (req.httpVersionMajor === 1) headers.connection = 'close';
  res.writeHead(400, headers);
  res.end(body);
  return false;
}

/** For the 'upgrade' event, where the socket is raw: the same check, the same 400. */
export function acceptUpgradeTarget(req: http.IncomingMessage, socket: Duplex): boolean {
  const verdict = toOriginForm(req);
  if (verdict.ok) return true;
  socket.on('error', () => socket.destroy());
  const body = `400 Bad request\n\nTurnout refused this request: ${verdict.reason}\n`;
  socket.end(`HTTP/1.1 400 Bad Request\r\ncontent-type: text/plain; charset=utf-8\r\ncontent-length: ${Buffer.byteLength(body)}\r\nconnection: close\r\nx-turnout-error: bad-target\r\n\r\n${body}`, () => socket.destroy());
  return false;
}
