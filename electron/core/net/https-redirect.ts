import http from 'node:http';
import { closeServer, listenOn } from './listen';

/**
 * The optional plain-HTTP listener beside an HTTPS one: every request is sent to the same
 * host and path over HTTPS. 308 keeps the method and body of a POST; a GET or HEAD gets 301,
 * the answer every browser and cache knows. Nothing is proxied from here.
 */
export class HttpsRedirect {
  private readonly server = http.createServer((req, res) => {
    const host = (req.headers.host ?? '').replace(/:\d+$/, '') || this.fallbackHost;
    const port = this.httpsPort === 443 ? '' : `:${this.httpsPort}`;
    const location = `https://${host.includes(':') && !host.startsWith('[') ? `[${host}]` : host}${port}${req.url?.startsWith('/') ? req.url : '/'}`;
    const status = req.method === 'GET' || req.method === 'HEAD' ? 301 : 308;
    res.writeHead(status, { location, 'content-length': 0, 'cache-control': 'no-store' });
    res.end();
  });

  constructor(
    private readonly httpsPort: number,
    private readonly fallbackHost: string,
  ) {
    this.server.on('clientError', (_error, socket) => socket.destroy());
  }

  listen(host: string, port: number): Promise<number> {
    return listenOn(this.server, host, port);
  }

  close(): Promise<void> {
    return closeServer(this.server);
  }
}
