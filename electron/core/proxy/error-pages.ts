import type http from 'node:http';

const TITLES = { 502: 'Bad gateway', 503: 'No environment available', 504: 'Gateway timeout' } as const;
const KINDS = { 502: 'upstream', 503: 'no-environment', 504: 'upstream-timeout' } as const;

/** Plain, readable answers for when Turnout itself cannot serve a request. */
export function sendErrorPage(res: http.ServerResponse, status: 502 | 503 | 504, detail: string): void {
  if (res.headersSent || res.destroyed) {
    // Bytes already reached the client: the only honest signal left is a cut connection.
    res.destroy();
    return;
  }
  const body = `${status} ${TITLES[status]}\n\nTurnout could not serve this request: ${detail}\n`;
  // Drop anything set for the failed attempt (X-Served-By, a sticky cookie): this answer is Turnout's own.
  for (const name of res.getHeaderNames()) res.removeHeader(name);
  res.writeHead(status, {
    'content-type': 'text/plain; charset=utf-8',
    'content-length': Buffer.byteLength(body),
    'cache-control': 'no-store',
    'x-turnout-error': KINDS[status],
  });
  res.end(body);
}
