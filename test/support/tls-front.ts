import fs from 'node:fs';
import path from 'node:path';
import tls from 'node:tls';
import { LocalCa } from '../../electron/core/net/local-ca';
import type { TlsFiles } from '../../electron/core/net/tls-files';
import type { RawExchange } from './raw-http';
import { makeTempDir } from './temp-dir';

/** A local CA in a temp dir and its leaf for localhost/127.0.0.1: what a `--tls` profile serves. */
export async function localTlsFront(): Promise<{ files: TlsFiles; caPem: string; caFile: string; cleanup(): void }> {
  const temp = makeTempDir('turnout-tls-');
  const ca = new LocalCa(path.join(temp.dir, 'tls'));
  await ca.leaf([]);
  return { files: ca.leafFiles, caPem: fs.readFileSync(ca.caFile, 'utf8'), caFile: ca.caFile, cleanup: temp.cleanup };
}

/** rawExchange over TLS (ALPN http/1.1, the CA trusted): raw, possibly malformed HTTP/1.1 inside a real TLS session. */
export function rawTlsExchange(port: number, ca: string, chunks: (string | Buffer)[], waitMs = 2000): Promise<RawExchange> {
  return new Promise((resolve) => {
    const socket = tls.connect({ port, host: '127.0.0.1', ca, ALPNProtocols: ['http/1.1'] });
    let text = '';
    const timer = setTimeout(() => {
      socket.destroy();
      resolve({ text, closed: false });
    }, waitMs);
    socket.on('data', (chunk: Buffer) => (text += chunk.toString('latin1')));
    socket.on('error', () => undefined);
    socket.on('close', () => {
      clearTimeout(timer);
      resolve({ text, closed: true });
    });
    socket.on('secureConnect', () => {
      for (const chunk of chunks) socket.write(chunk);
    });
  });
}
