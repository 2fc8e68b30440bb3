import crypto from 'node:crypto';
import type http from 'node:http';
import { SESSION_COOKIE } from '../../shared/contract/http';

/** Compares secrets in constant time (hashing first makes the lengths equal). */
export function sameSecret(given: string, expected: string): boolean {
  const a = crypto.createHash('sha256').update(given).digest();
  const b = crypto.createHash('sha256').update(expected).digest();
  return crypto.timingSafeEqual(a, b);
}

/**
 * Who may call the admin API: a client with the token as `Authorization: Bearer`, or a
 * browser that exchanged the token for an HttpOnly session cookie (so EventSource works
 * and the token never sits in page storage).
 */
export class AdminAuth {
  private readonly sessions = new Set<string>();

  constructor(private readonly token: string) {}

  checkToken(given: string): boolean {
    return sameSecret(given, this.token);
  }

  /** Returns a Set-Cookie value for a new session. */
  openSession(): string {
    const id = crypto.randomBytes(32).toString('base64url');
    this.sessions.add(id);
    return `${SESSION_COOKIE}=${id}; HttpOnly; SameSite=Strict; Path=/`;
  }

  isAuthorized(req: http.IncomingMessage): boolean {
    const header = req.headers.authorization;
    if (header?.startsWith('Bearer ')) return this.checkToken(header.slice('Bearer '.length).trim());
    const session = readCookie(req.headers.cookie, SESSION_COOKIE);
    if (session === undefined) return false;
    for (const id of this.sessions) if (sameSecret(session, id)) return true;
    return false;
  }
}

function readCookie(header: string | undefined, name: string): string | undefined {
  if (!header) return undefined;
  for (const part of header.split(';')) {
    const [key, ...rest] = part.trim().split('=');
    if (key === name) return rest.join('=');
  }
  return undefined;
}

/**
 * Blocks DNS rebinding: a page on evil.example that resolves to 127.0.0.1 still sends
 * `Host: evil.example`. Only loopback names (or the bound host) are served.
 */
export function isAllowedHost(hostHeader: string | undefined, boundHost: string): boolean {
  if (!hostHeader) return false;
  const host = hostHeader.replace(/:\d+$/, '').replace(/^\[|\]$/g, '').toLowerCase();
  if (boundHost === '0.0.0.0' || boundHost === '::') return true;
  return host === 'localhost' || host === '127.0.0.1' || host === '::1' || host === boundHost.toLowerCase();
}
