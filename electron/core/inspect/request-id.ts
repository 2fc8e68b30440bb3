import { randomBytes } from 'node:crypto';
import type http from 'node:http';

/**
 * X-Request-Id: the client's own is kept; otherwise Turnout gives one, unique across
 * processes (a random prefix per process, proxy workers included) and cheap (a counter,
 * no random bytes per request). Either way the upstream gets it and the client sees it.
 */
const PREFIX = randomBytes(5).toString('hex');
let counter = 0;
const kId = Symbol('turnout.requestId');
const kAssigned = Symbol('turnout.requestIdAssigned');
/** A longer client value is replaced rather than passed on. */
const MAX_LENGTH = 200;

type Tagged = http.IncomingMessage & { [kId]?: string; [kAssigned]?: true };

export function newRequestId(): string {
  return `${PREFIX}-${(++counter).toString(36)}`;
}

/** The request's id, given once: the client's X-Request-Id if it sent a usable one. */
export function requestIdOf(req: http.IncomingMessage): string {
  const tagged = req as Tagged;
  const known = tagged[kId];
  if (known !== undefined) return known;
  const sent = req.headers['x-request-id'];
  if (typeof sent === 'string' && sent !== '' && sent.length <= MAX_LENGTH) return (tagged[kId] = sent);
  const id = newRequestId();
  tagged[kId] = id;
  tagged[kAssigned] = true;
  // http-proxy sends req.headers upstream; the undici path adds it from assignedRequestId.
  req.headers['x-request-id'] = id;
  return id;
}

/** The id Turnout gave this request (the client sent none, or an unusable one), else undefined. */
export function assignedRequestId(req: http.IncomingMessage): string | undefined {
  const tagged = req as Tagged;
  return tagged[kAssigned] ? tagged[kId] : undefined;
}
