import type { IncomingMessage } from 'node:http';

/** Codes Turnout gives its own timeouts, so they read clearly in logs and error pages. */
export const CONNECT_TIMEOUT = 'ETURNOUT_CONNECT_TIMEOUT';
export const UPSTREAM_TIMEOUT = 'ETURNOUT_UPSTREAM_TIMEOUT';

export type UpstreamError = Error & { code?: string };

export function upstreamError(code: string, message: string): UpstreamError {
  return Object.assign(new Error(message), { code });
}

/** The environment could not be reached at all: health marks it down at once. */
const CONNECT_FAILURES = new Set(['ECONNREFUSED', CONNECT_TIMEOUT, 'EHOSTUNREACH', 'ENETUNREACH', 'ENOTFOUND', 'EAI_AGAIN']);
/**
 * The request never got an answer and may safely go elsewhere. A reset counts (a kept-alive
 * socket the upstream just closed, or a backend killed mid-request), but it is not proof the
 * environment is down, so it does not mark it down.
 */
const RETRYABLE = new Set([...CONNECT_FAILURES, 'ECONNRESET', 'EPIPE']);
const IDEMPOTENT = new Set(['GET', 'HEAD', 'OPTIONS', 'PUT', 'DELETE']);

export function isConnectFailure(error: UpstreamError): boolean {
  return error.code !== undefined && CONNECT_FAILURES.has(error.code);
}

/**
 * May this failed request be sent again? Only idempotent methods, only without a body
 * (a streamed body is gone once sent, and buffering it would break streaming), and only
 * for failures before any answer.
 */
export function isRetryable(req: IncomingMessage, error: UpstreamError): boolean {
  if (error.code === undefined || !RETRYABLE.has(error.code) || !IDEMPOTENT.has(req.method ?? '')) return false;
  const length = req.headers['content-length'];
  return req.headers['transfer-encoding'] === undefined && (length === undefined || length === '0');
}
