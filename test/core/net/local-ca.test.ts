import { execFile } from 'node:child_process';
import { X509Certificate } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterEach, describe, expect, it } from 'vitest';
import { LocalCa } from '../../../electron/core/net/local-ca';
import { loadTlsFiles } from '../../../electron/core/net/tls-files';
import { selfSignedCert } from '../../support/tls-cert';
import { makeTempDir } from '../../support/temp-dir';

const run = promisify(execFile);

describe('local CA (@peculiar/x509, checked by openssl)', () => {
  let temp: ReturnType<typeof makeTempDir>;
  afterEach(() => temp.cleanup());

  it('creates the CA once (keys mode 600) and a leaf for localhost, 127.0.0.1, ::1 and the names given, which openssl verifies', async () => {
    temp = makeTempDir();
    const ca = new LocalCa(path.join(temp.dir, 'tls'));
    const leaf = await ca.leaf(['app.test', '10.1.2.3']);
    const caPem = fs.readFileSync(ca.caFile, 'utf8');
    for (const file of fs.readdirSync(ca.dir)) {
      const mode = fs.statSync(path.join(ca.dir, file)).mode & 0o777;
      expect([file, mode]).toEqual([file, file.endsWith('.key') ? 0o600 : 0o644]);
    }
    const cert = new X509Certificate(leaf.cert);
    expect(cert.subjectAltName).toBe('DNS:localhost, IP Address:127.0.0.1, IP Address:0:0:0:0:0:0:0:1, DNS:app.test, IP Address:10.1.2.3');
    expect(cert.checkHost('app.test')).toBe('app.test');
    expect(new X509Certificate(caPem).ca).toBe(true);
    const { stdout } = await run('openssl', ['verify', '-CAfile', ca.caFile, '-purpose', 'sslserver', path.join(ca.dir, 'turnout-local.crt')]);
    expect(stdout).toContain(': OK');
    // Asked again with the same names: the same leaf, and the same CA (created once).
    const again = await ca.leaf(['10.1.2.3', 'app.test']);
    expect(again.cert).toBe(leaf.cert);
    expect(fs.readFileSync(ca.caFile, 'utf8')).toBe(caPem);
  });

  it('issues a new leaf for other names, and renews one with fewer than 30 days left', async () => {
    temp = makeTempDir();
    const ca = new LocalCa(temp.dir);
    const first = await ca.leaf([]);
    const other = await ca.leaf(['app.test']);
    expect(other.cert).not.toBe(first.cert);
    const nearExpiry = new Date(other.notAfter.getTime() - 29 * 86_400_000);
    const renewed = await ca.leaf(['app.test'], nearExpiry);
    expect(renewed.cert).not.toBe(other.cert);
    expect(renewed.notAfter.getTime()).toBeGreaterThan(other.notAfter.getTime());
    const notYet = new Date(renewed.notAfter.getTime() - 31 * 86_400_000);
    expect((await ca.leaf(['app.test'], notYet)).cert).toBe(renewed.cert);
  });
});

describe('certificate files: one-line errors naming the file', () => {
  let temp: ReturnType<typeof makeTempDir>;
  afterEach(() => temp.cleanup());

  it('refuses a missing file, a file that is not PEM, and a key that is not the certificate\'s', () => {
    temp = makeTempDir();
    const a = selfSignedCert();
    const b = selfSignedCert();
    const file = (name: string, text: string): string => {
      const at = path.join(temp.dir, name);
      fs.writeFileSync(at, text);
      return at;
    };
    const cert = file('cert.pem', a.cert);
    const key = file('key.pem', a.key);
    const otherKey = file('other.key', b.key);
    const junk = file('junk.pem', 'hello');
    expect(loadTlsFiles({ certFile: cert, keyFile: key }).cert).toBe(a.cert);
    const error = (certFile: string, keyFile: string): string => {
      try {
        loadTlsFiles({ certFile, keyFile });
        return 'no error';
      } catch (thrown) {
        return (thrown as Error).message;
      }
    };
    expect(error(path.join(temp.dir, 'nope.pem'), key)).toBe(`cannot read the certificate file ${path.join(temp.dir, 'nope.pem')}: no such file`);
    expect(error(junk, key)).toBe(`${junk} is not a PEM certificate`);
    expect(error(cert, junk)).toBe(`${junk} is not a PEM private key (or it is encrypted: give an unencrypted one)`);
    expect(error(cert, otherKey)).toBe(`${otherKey} is not the key of the certificate in ${cert}`);
    for (const message of [error(junk, key), error(cert, otherKey)]) expect(message).not.toContain('\n');
  });
});
