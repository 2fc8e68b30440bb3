import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { makeTempDir } from './temp-dir';

/** A throwaway self-signed certificate for 127.0.0.1, made with the openssl CLI at test time. */
export function selfSignedCert(): { key: string; cert: string } {
  const temp = makeTempDir();
  const keyFile = path.join(temp.dir, 'key.pem');
  const certFile = path.join(temp.dir, 'cert.pem');
  execFileSync('openssl', [
    'req', '-x509', '-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:prime256v1', '-nodes',
    '-keyout', keyFile, '-out', certFile, '-days', '1', '-subj', '/CN=127.0.0.1', '-addext', 'subjectAltName=IP:127.0.0.1',
  ], { stdio: 'ignore' });
  const result = { key: fs.readFileSync(keyFile, 'utf8'), cert: fs.readFileSync(certFile, 'utf8') };
  temp.cleanup();
  return result;
}
