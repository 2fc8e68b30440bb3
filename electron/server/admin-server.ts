import http from 'node:http';
import { dispatch } from '../../shared/contract/dispatch';
import { ContractError, ERROR_STATUS } from '../../shared/contract/errors';
import { API_PREFIX, EVENTS_PATH, LOGIN_PATH, SOURCE_HEADER } from '../../shared/contract/http';
import { CHANGE_SOURCES, type ChangeSource } from '../../shared/contract/state';
import type { ControlService } from '../core/control';
import { closeServer, listenOn } from '../core/net/listen';
import { AdminAuth, isAllowedHost } from './auth';
import { streamEvents } from './event-stream';
import { createPanelHandler, type PanelHandler } from './static-panel';

const MAX_BODY_BYTES = 1024 * 1024;
const METRICS_PATH = '/metrics';

export interface AdminServerOptions {
  control: ControlService;
  token: string;
  panel?: PanelHandler;
}

/** The contract over HTTP, plus the event stream and the built control panel. */
export class AdminServer {
  private readonly server: http.Server;
  private readonly auth: AdminAuth;
  private readonly panel: PanelHandler;
  private boundHost = '127.0.0.1';

  constructor(private readonly options: AdminServerOptions) {
    this.auth = new AdminAuth(options.token);
    this.panel = options.panel ?? createPanelHandler();
    this.server = http.createServer((req, res) => {
      this.route(req, res).catch((error: unknown) => sendError(res, toContractError(error)));
    });
  }

  async listen(host: string, port: number): Promise<number> {
    this.boundHost = host;
    return listenOn(this.server, host, port);
  }

  async close(): Promise<void> {
    // Event streams never end by themselves; cut them so close() can finish.
    this.server.closeAllConnections();
    await closeServer(this.server);
  }

  private async route(req: http.IncomingMessage, res: http.ServerResponse): Promise<void> {
    if (!isAllowedHost(req.headers.host, this.boundHost)) {
      throw new ContractError('FORBIDDEN', 'this admin API answers only to loopback host names');
    }
    const url = new URL(req.url ?? '/', 'http://admin');
    if (url.pathname === '/healthz') {
      sendJson(res, 200, { ok: true });
      return;
    }
    // CORS stays closed: a preflight gets no Access-Control-* headers, so browsers on other
    // origins never send the real request.
    if (req.method === 'OPTIONS') {
      res.setHeader('allow', 'GET, POST');
      throw new ContractError('METHOD_NOT_ALLOWED', 'cross-origin requests are not allowed');
    }
    if (url.pathname === METRICS_PATH) {
      if (!this.auth.isAuthorized(req)) throw new ContractError('UNAUTHORIZED', 'missing or wrong admin token: send "Authorization: Bearer <token>"');
      const text = this.options.control.prometheus();
      res.writeHead(200, { 'content-type': 'text/plain; version=0.0.4; charset=utf-8', 'cache-control': 'no-store' });
      res.end(text);
      return;
    }
    if (!url.pathname.startsWith('/api/')) {
      this.panel(req, res);
      return;
    }
    res.setHeader('cache-control', 'no-store');
    if (url.pathname === LOGIN_PATH && req.method === 'POST') {
      const body = (await readJson(req)) as { token?: unknown };
      if (typeof body?.token !== 'string' || !this.auth.checkToken(body.token)) {
        throw new ContractError('UNAUTHORIZED', 'wrong admin token');
      }
      res.setHeader('set-cookie', this.auth.openSession());
      sendJson(res, 200, { ok: true });
      return;
    }
    if (!this.auth.isAuthorized(req)) {
      throw new ContractError('UNAUTHORIZED', 'missing or wrong admin token: send "Authorization: Bearer <token>"');
    }
    if (url.pathname === EVENTS_PATH && req.method === 'GET') {
      streamEvents(req, res, this.options.control.events, { state: await this.options.control.getState() });
      return;
    }
    if (req.method !== 'POST') throw new ContractError('UNKNOWN_METHOD', `${req.method} ${url.pathname}: contract methods are POST`);
    const method = url.pathname.slice(API_PREFIX.length);
    const input = await readJson(req);
    const result = await dispatch(this.options.control, method, input, { source: sourceOf(req) });
    sendJson(res, 200, result);
  }
}

function sourceOf(req: http.IncomingMessage): ChangeSource {
  const claimed = req.headers[SOURCE_HEADER];
  return CHANGE_SOURCES.includes(claimed as ChangeSource) ? (claimed as ChangeSource) : 'api';
}

async function readJson(req: http.IncomingMessage): Promise<unknown> {
  // Only JSON: a cross-site form cannot send it without a CORS preflight, which we never grant.
  if (!(req.headers['content-type'] ?? '').startsWith('application/json')) {
    throw new ContractError('INVALID_INPUT', 'send the request body as application/json');
  }
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    size += (chunk as Buffer).length;
    if (size > MAX_BODY_BYTES) throw new ContractError('INVALID_INPUT', 'request body is larger than 1 MiB');
    chunks.push(chunk as Buffer);
  }
  const text = Buffer.concat(chunks).toString('utf8');
  if (text.trim() === '') return {};
  try {
    return JSON.parse(text) as unknown;
  } catch {
    throw new ContractError('INVALID_INPUT', 'request body is not valid JSON');
  }
}

function toContractError(error: unknown): ContractError {
  if (error instanceof ContractError) return error;
  return new ContractError('INTERNAL', error instanceof Error ? error.message : String(error));
}

function sendError(res: http.ServerResponse, error: ContractError): void {
  if (res.headersSent) {
    res.destroy();
    return;
  }
  sendJson(res, ERROR_STATUS[error.code], error.toBody());
}

function sendJson(res: http.ServerResponse, status: number, body: unknown): void {
  const text = JSON.stringify(body);
  res.writeHead(status, { 'content-type': 'application/json; charset=utf-8', 'content-length': Buffer.byteLength(text) });
  res.end(text);
}
