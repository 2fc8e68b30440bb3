import net from 'node:net';

/** What a raw client saw: the bytes, and whether the proxy closed the connection. */
export interface RawExchange {
  text: string;
  closed: boolean;
}

/** Writes raw bytes (possibly malformed HTTP) to 127.0.0.1:port and collects the answer until close or `waitMs`. */
export function rawExchange(port: number, chunks: (string | Buffer)[], waitMs = 2000): Promise<RawExchange> {
  return new Promise((resolve) => {
    const socket = net.connect(port, '127.0.0.1');
    let text = '';
    const timer = setTimeout(() => {
      socket.destroy();
      resolve({ text, closed: false });
    }, waitMs);
    socket.on('data', (chunk) => (text += chunk.toString('latin1')));
    socket.on('error', () => undefined);
    socket.on('close', () => {
      clearTimeout(timer);
      resolve({ text, closed: true });
    });
    socket.on('connect', () => {
      for (const chunk of chunks) socket.write(chunk);
    });
  });
}

export function portOf(url: string): number {
  return Number(new URL(url).port);
}

/**
 * A keep-alive connection that has had one complete exchange and now sits idle, as a
 * browser leaves one; `closed` settles when the server closes it.
 */
export async function idleKeptAlive(url: string): Promise<{ socket: net.Socket; closed: Promise<void> }> {
  const socket = net.connect(portOf(url), '127.0.0.1');
  socket.on('error', () => undefined);
  const closed = new Promise<void>((resolve) => socket.once('close', () => resolve()));
  await new Promise((resolve) => socket.once('connect', resolve));
  socket.write('GET / HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n');
  // The whole answer (Content-Length or chunked), so the connection is idle afterwards.
  let seen = '';
  await new Promise<void>((resolve, reject) => {
    const onData = (chunk: Buffer): void => {
      seen += chunk.toString('latin1');
      const end = seen.indexOf('\r\n\r\n');
      const length = /content-length: *(\d+)/i.exec(seen)?.[1];
      const whole = length !== undefined ? seen.length >= end + 4 + Number(length) : seen.endsWith('\r\n0\r\n\r\n');
      if (end < 0 || !whole) return;
      socket.off('data', onData);
      resolve();
    };
    socket.on('data', onData);
    void closed.then(() => reject(new Error(`the connection closed before its first answer ended: ${seen}`)));
  });
  return { socket, closed };
}
