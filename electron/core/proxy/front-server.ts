import http from 'node:http';
import type { Duplex } from 'node:stream';
import { SecureFront } from '../net/secure-front';
import type { TlsFiles } from '../net/tls-files';
import { answerClientError } from './client-errors';
import { adaptHttp2Request } from './h2-request';
import { acceptTarget, acceptUpgradeTarget } from './request-target';

/** What the proxy does with a request or an upgrade whose target was accepted. */
export interface FrontHandlers {
  request(req: http.IncomingMessage, res: http.ServerResponse): void;
  upgrade(req: http.IncomingMessage, socket: Duplex, head: Buffer): void;
}

/**
 * The proxy's listener: plain HTTP/1.1, or HTTPS with HTTP/2 and HTTP/1.1 (ALPN) when `tls`
 * is given. The request target is made origin-form (or refused) before anything reads the
 * URL or Host; bad bytes on a connection get a 400 and the connection closed.
 */
export function createFrontServer(tls: TlsFiles | undefined, headersTimeoutMs: number, handlers: FrontHandlers): { server: http.Server; secure?: SecureFront } {
  let server: http.Server;
  let secure: SecureFront | undefined;
  if (tls) {
    secure = new SecureFront(tls, { headersTimeoutMs });
    // The compatibility API's request/response objects stand in for node:http's (h2-request.ts makes an HTTP/2 one forwardable).
    server = secure.server as unknown as http.Server;
    server.on('request', (req: http.IncomingMessage, res: http.ServerResponse) => {
      if (req.httpVersionMajor === 2) adaptHttp2Request(req);
      if (acceptTarget(req, res)) handlers.request(req, res);
    });
  } else {
    server = http.createServer({
      headersTimeout: headersTimeoutMs,
      // Bodies stream for as long as they take; the idle timeout catches a stalled one.
      requestTimeout: 0,
      connectionsCheckingInterval: Math.min(1000, headersTimeoutMs),
    });
    server.on('request', (req, res) => acceptTarget(req, res) && handlers.request(req, res));
  }
  server.on('upgrade', (req, socket, head) => acceptUpgradeTarget(req, socket) && handlers.upgrade(req, socket, head));
  server.on('clientError', answerClientError);
  return { server, secure };
}
