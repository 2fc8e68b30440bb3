/**
 * Reads one cookie from a Cookie header without parsing the rest: the hot path only ever
 * needs Turnout's own two cookies, and most requests carry none of them.
 */
export function readCookie(header: string | undefined, name: string): string | undefined {
  if (header === undefined) return undefined;
  let from = 0;
  for (;;) {
    const at = header.indexOf(name, from);
    if (at === -1) return undefined;
    from = at + name.length;
    // A match counts only at the start of a pair ("a=1; turnout_env=green"), followed by "=".
    const before = at === 0 ? ';' : header[at - 1];
    const startsPair = before === ';' || before === ' ';
    if (!startsPair || header[from] !== '=') continue;
    const end = header.indexOf(';', from + 1);
    const value = header.slice(from + 1, end === -1 ? undefined : end).trim();
    return value === '' ? undefined : value;
  }
}

export const STICKY_COOKIE = 'turnout_sticky';

/**
 * The sticky-session cookie: a session cookie, invisible to page scripts, for the whole site;
 * `Secure` when the client came over HTTPS, so a browser never sends it back in clear text.
 */
export function stickyCookie(environment: string, secure = false): string {
  return `${STICKY_COOKIE}=${environment}; Path=/; HttpOnly; SameSite=Lax${secure ? '; Secure' : ''}`;
}

/** Whether a request came over TLS (HTTPS/1.1 or HTTP/2: the compat request's socket says so too). */
export function overTls(req: { socket: unknown }): boolean {
  return (req.socket as { encrypted?: boolean } | null)?.encrypted === true;
}
