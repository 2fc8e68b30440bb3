import type http from 'node:http';
import type { Duplex } from 'node:stream';

/** After a hold's timeout: the pause is meant to be short, so come back soon. */
export const HOLD_RETRY_AFTER_S = 5;
/** A stop is maintenance: a longer wait between tries. */
export const STOP_RETRY_AFTER_S = 30;

export type PauseAnswerKind = 'maintenance' | 'hold-timeout' | 'hold-full';

const TITLES: Record<PauseAnswerKind, string> = {
  maintenance: 'Down for maintenance',
  'hold-timeout': 'Still paused',
  'hold-full': 'Too many requests waiting',
};

/**
 * Turnout's own 503 while paused: JSON for a client that asks for it (Accept:
 * application/json), HTML otherwise, so a browser shows the operator's message as a page.
 */
export function sendPauseAnswer(req: http.IncomingMessage, res: http.ServerResponse, kind: PauseAnswerKind, message: string, retryAfterS: number): void {
  if (res.headersSent || res.destroyed) return;
  const json = (req.headers.accept ?? '').includes('application/json');
  const body = json ? JSON.stringify({ error: kind, message, retryAfter: retryAfterS }) : htmlPage(TITLES[kind], message);
  res.writeHead(503, {
    'content-type': json ? 'application/json; charset=utf-8' : 'text/html; charset=utf-8',
    'content-length': Buffer.byteLength(body),
    'cache-control': 'no-store',
    'retry-after': String(retryAfterS),
    'x-turnout-error': kind,
  });
  res.end(body);
}

/** The same answer for a WebSocket upgrade (no ServerResponse there: raw HTTP on the socket). */
export function sendPauseUpgradeAnswer(socket: Duplex, kind: PauseAnswerKind, message: string, retryAfterS: number): void {
  if (socket.destroyed) return;
  const body = `${TITLES[kind]}: ${message}\n`;
  socket.end(
    `HTTP/1.1 503 Service Unavailable\r\nconnection: close\r\ncontent-type: text/plain; charset=utf-8\r\n` +
      `content-length: ${Buffer.byteLength(body)}\r\nretry-after: ${retryAfterS}\r\nx-turnout-error: ${kind}\r\n\r\n${body}`,
  );
}

function htmlPage(title: string, message: string): string {
  const text = escapeHtml(message);
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>${title}</title><meta name="viewport" content="width=device-width"></head><body style="font-family:system-ui,sans-serif;max-width:36rem;margin:4rem auto;padding:0 1rem"><h1>${title}</h1><p>${text}</p></body></html>\n`;
}

function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}
