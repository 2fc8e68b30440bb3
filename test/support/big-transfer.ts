import http from 'node:http';

/** Big bodies through a proxy, streamed both ways with backpressure, never held whole. */
export const MB = 1024 * 1024;
export const TRANSFER = 100 * MB;
const CHUNK = Buffer.alloc(64 * 1024, 'x');

/** Writes `total` bytes to a writable, honouring backpressure, then ends it. */
export async function pump(out: NodeJS.WritableStream, total: number): Promise<void> {
  for (let sent = 0; sent < total; sent += CHUNK.length) {
    if (!out.write(CHUNK)) await new Promise((resolve) => out.once('drain', resolve));
  }
  out.end();
}

/** A backend handler: a POST's bytes are counted and the count answered; a GET gets `size` bytes. */
export function bigTransferHandler(size = TRANSFER): http.RequestListener {
  return (req, res) => {
    if (req.method === 'POST') {
      let received = 0;
      req.on('data', (chunk: Buffer) => (received += chunk.length));
      req.on('end', () => res.end(String(received)));
      return;
    }
    res.writeHead(200, { 'content-type': 'application/octet-stream', 'content-length': size });
    void pump(res, size);
  };
}

/** POSTs `total` bytes to `url`; resolves with the answer (a bigTransferHandler's byte count). */
export function upload(url: string, total = TRANSFER): Promise<string> {
  return new Promise((resolve, reject) => {
    const request = http.request(url, { method: 'POST', headers: { 'content-length': total } }, (res) => {
      let text = '';
      res.on('data', (chunk) => (text += chunk));
      res.on('end', () => resolve(text));
    });
    request.on('error', reject);
    void pump(request, total);
  });
}

/** GETs `url`; resolves with how many body bytes arrived. */
export function download(url: string): Promise<number> {
  return new Promise((resolve, reject) => {
    http
      .get(url, (res) => {
        let received = 0;
        res.on('data', (chunk: Buffer) => (received += chunk.length));
        res.on('end', () => resolve(received));
      })
      .on('error', reject);
  });
}
