import http from 'node:http';
import type { FetchLike } from '../../../shared/contract/http';

/**
 * The CLI's transport to the admin API, on node:http. Node's global fetch loads its bundled
 * undici on first use, about 100 ms: as long again as the rest of `turnout status`. A failed
 * connection rejects as fetch does (a TypeError "fetch failed" with the socket error as its
 * cause), so reportError reads both alike.
 */
export const httpFetch: FetchLike = (url, init) =>
  new Promise((resolve, reject) => {
    const target = new URL(url);
    const send = (client: typeof http): void => {
      const body = Buffer.from(init.body, 'utf8');
      const request = client.request(target, { method: init.method, headers: { ...init.headers, 'content-length': String(body.length) } }, (response) => {
        const chunks: Buffer[] = [];
        response.on('data', (chunk: Buffer) => chunks.push(chunk));
        response.on('error', reject);
        response.on('end', () => {
          const status = response.statusCode ?? 0;
          const text = Buffer.concat(chunks).toString('utf8');
          resolve({ status, ok: status >= 200 && status < 300, text: () => Promise.resolve(text) });
        });
      });
      request.on('error', (cause) => reject(new TypeError('fetch failed', { cause })));
      request.end(body);
    };
    // TLS only for an https admin URL: most commands talk to loopback over plain HTTP.
    if (target.protocol === 'https:') import('node:https').then((https) => send(https.default as unknown as typeof http), reject);
    else send(http);
  });
