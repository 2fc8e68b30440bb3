import type http from 'node:http';

/**
 * An HTTP/2 request (node:http2's compatibility object, on the TLS listener) made to look
 * like the HTTP/1.1 request both upstream clients forward: the pseudo-headers (:method,
 * :path, :scheme, :authority) go, :authority becomes Host (HTTP/2 clients send no Host),
 * and the cookie crumbs an HTTP/2 client may send as separate fields become one Cookie
 * line (RFC 9113 §8.2.3), as an HTTP/1.1 upstream expects. The pseudo-headers stay in
`req.headers` (the compatibility object reads its url and method from there; http-proxy-3
drops them for an HTTP/2 request itself). Runs once per HTTP/2 request;
 * HTTP/1.1 requests never come here.
 */
export function adaptHttp2Request(req: http.IncomingMessage): true {
  const raw = req.rawHeaders;
  const headers = req.headers as Record<string, string | string[] | undefined>;
  const out: string[] = [];
  const cookies: string[] = [];
  let host: string | undefined;
  let authority: string | undefined;
  for (let i = 0; i < raw.length; i += 2) {
    const name = raw[i]!;
    const value = raw[i + 1]!;
    if (name.charCodeAt(0) === 58 /* ':' */) {
      if (name === ':authority') authority = value;
      continue;
    }
    const lower = name.toLowerCase();
    if (lower === 'cookie') cookies.push(value);
    else {
      if (lower === 'host') host = value;
      out.push(name, value);
    }
  }
  if (host === undefined && authority !== undefined) {
    out.push('host', authority);
    headers.host = authority;
  }
  if (cookies.length > 0) {
    out.push('cookie', cookies.join('; '));
    headers.cookie = cookies.join('; ');
  }
  // HTTP/2 frames a body without Content-Length: a stream not ended with its headers has one,
  // and it goes upstream chunked (on the http-proxy path, which carries bodies; forwarding.ts).
  if (headers['content-length'] === undefined && !(req as unknown as { stream: { endAfterHeaders: boolean } }).stream.endAfterHeaders) headers['transfer-encoding'] = 'chunked';
  raw.length = 0;
  raw.push(...out);
  return true;
}
