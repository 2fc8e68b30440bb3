import fs from 'node:fs';
import path from 'node:path';
import type { FrontTls } from '../../../shared/domain/front-tls';
import { LocalCa } from './local-ca';
import { loadTlsFiles, TlsFileError, type TlsFiles } from './tls-files';

/** Where the local CA and its leaf live inside the data dir. */
export function localCaDir(dataDir: string): string {
  return path.join(dataDir, 'tls');
}

/** How often the local leaf is checked for renewal (it is also checked at every start). */
const RENEW_CHECK_MS = 86_400_000;
/** How often the user's own files are looked at (stat): a replaced or rewritten file is seen within this. */
const WATCH_MS = 1000;

/**
 * The certificate files a profile's HTTPS listener serves: the user's own pair (checked
 * now: a bad one is a one-line error naming the file, and the profile does not start), or
 * the local CA's leaf for localhost + the profile's names, issued or renewed as needed.
 */
export async function resolveFrontTls(tls: FrontTls, dataDir: string | undefined): Promise<TlsFiles> {
  if (tls.certFile !== undefined && tls.keyFile !== undefined) {
    const files = { certFile: path.resolve(tls.certFile), keyFile: path.resolve(tls.keyFile) };
    loadTlsFiles(files);
    return files;
  }
  if (dataDir === undefined) throw new TlsFileError('no data dir to keep the local CA in: give --tls-cert and --tls-key');
  const ca = new LocalCa(localCaDir(dataDir));
  await ca.leaf(tls.names);
  return ca.leafFiles;
}

/**
 * Keeps a running listener's certificate current: the user's files are watched (a change is
 * checked, then loaded for new connections; a bad one is reported and the old pair stays),
 * the local leaf is renewed daily when near expiry. `reload` does the loading (DataPlane.reloadTls).
 */
export function keepFrontTlsCurrent(tls: FrontTls, dataDir: string | undefined, reload: () => void, report: (message: string) => void = console.error): () => void {
  const apply = (): void => {
    try {
      reload();
    } catch (error) {
      report(`turnout: the listener keeps its current certificate: ${(error as Error).message}`);
    }
  };
  if (tls.certFile !== undefined && tls.keyFile !== undefined) {
    const files = [path.resolve(tls.certFile), path.resolve(tls.keyFile)];
    // A certificate and its key are often replaced one after the other: wait for both to settle.
    let settle: NodeJS.Timeout | undefined;
    const changed = (now: fs.Stats, before: fs.Stats): void => {
      if (now.mtimeMs === before.mtimeMs && now.size === before.size && now.ino === before.ino) return;
      clearTimeout(settle);
      settle = setTimeout(apply, 200);
    };
    for (const file of files) fs.watchFile(file, { interval: WATCH_MS, persistent: false }, changed);
    return () => {
      clearTimeout(settle);
      for (const file of files) fs.unwatchFile(file, changed);
    };
  }
  if (dataDir === undefined) return () => undefined;
  const ca = new LocalCa(localCaDir(dataDir));
  const timer = setInterval(() => {
    const before = fs.existsSync(ca.leafFiles.certFile) ? fs.readFileSync(ca.leafFiles.certFile, 'utf8') : '';
    ca.leaf(tls.names).then(
      (leaf) => leaf.cert !== before && apply(),
      (error: unknown) => report(`turnout: renewing the local certificate failed: ${(error as Error).message}`),
    );
  }, RENEW_CHECK_MS);
  timer.unref();
  return () => clearInterval(timer);
}
