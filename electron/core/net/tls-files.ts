import { createPrivateKey, X509Certificate } from 'node:crypto';
import fs from 'node:fs';

/** Where a listener's certificate and key are: the user's own files, or the local CA's leaf. */
export interface TlsFiles {
  certFile: string;
  keyFile: string;
}

export class TlsFileError extends Error {
  override name = 'TlsFileError';
}

/**
 * Reads and checks a certificate/key pair before anything uses it: unreadable files, a
 * file that is not a PEM certificate or key, a key that is not the certificate's, an
 * expired certificate: each a one-line error naming the file.
 */
export function loadTlsFiles(files: TlsFiles, now = new Date()): { cert: string; key: string } {
  const cert = read(files.certFile, 'certificate');
  const key = read(files.keyFile, 'key');
  let x509: X509Certificate;
  try {
    x509 = new X509Certificate(cert);
  } catch {
    throw new TlsFileError(`${files.certFile} is not a PEM certificate`);
  }
  let privateKey;
  try {
    privateKey = createPrivateKey(key);
  } catch {
    throw new TlsFileError(`${files.keyFile} is not a PEM private key (or it is encrypted: give an unencrypted one)`);
  }
  if (!x509.checkPrivateKey(privateKey)) throw new TlsFileError(`${files.keyFile} is not the key of the certificate in ${files.certFile}`);
  if (new Date(x509.validTo).getTime() < now.getTime()) throw new TlsFileError(`${files.certFile} expired on ${new Date(x509.validTo).toISOString().slice(0, 10)}`);
  return { cert, key };
}

function read(file: string, what: string): string {
  try {
    return fs.readFileSync(file, 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    throw new TlsFileError(`cannot read the ${what} file ${file}: ${code === 'ENOENT' ? 'no such file' : code === 'EACCES' ? 'permission denied' : (error as Error).message}`);
  }
}
