import http2 from 'node:http2';

export interface H2Answer {
  status: number;
  headers: http2.IncomingHttpHeaders;
  body: string;
}

/** One request on an open HTTP/2 session (so many share ONE connection); the whole body. */
export function h2Request(session: http2.ClientHttp2Session, path: string, headers: http2.OutgoingHttpHeaders = {}, body?: string): Promise<H2Answer> {
  return new Promise((resolve, reject) => {
    const stream = session.request({ ':path': path, ...(body !== undefined ? { ':method': 'POST' } : {}), ...headers });
    let status = 0;
    let answer: http2.IncomingHttpHeaders = {};
    let text = '';
    stream.setEncoding('utf8');
    stream.on('response', (received) => {
      answer = received;
      status = Number(received[':status']);
    });
    stream.on('data', (chunk: string) => (text += chunk));
    stream.on('end', () => resolve({ status, headers: answer, body: text }));
    stream.on('error', reject);
    stream.end(body);
  });
}

/** An HTTP/2 session trusting `ca`; resolves once connected (ALPN chose h2). */
export function h2Connect(url: string, ca: string): Promise<http2.ClientHttp2Session> {
  return new Promise((resolve, reject) => {
    const session = http2.connect(url, { ca });
    session.once('connect', () => resolve(session));
    session.once('error', reject);
  });
}
