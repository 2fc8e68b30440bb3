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
