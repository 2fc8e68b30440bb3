import fs from 'node:fs';
import path from 'node:path';
import { webcrypto } from 'node:crypto';
import { isIP } from 'node:net';
import type { X509Certificate } from '@peculiar/x509';
import { LOCAL_NAMES } from '../../../shared/domain/front-tls';
import { loadX509, type X509Library } from './x509-library';
import { makeDirectory } from '../make-directory';

type CryptoKeyPair = webcrypto.CryptoKeyPair;
type CryptoKey = webcrypto.CryptoKey;

/** The certificate library, loaded by the first method that needs it (ensureCa, leaf): a proxy without HTTPS never pays for it. */
let x509: X509Library;

const ALG = { name: 'ECDSA', namedCurve: 'P-256', hash: 'SHA-256' } as const;
const DAY_MS = 86_400_000;
/** A leaf is issued for this long (browsers refuse leaves valid over 398 days)... */
const LEAF_DAYS = 180;
/** ...and renewed once fewer than this many days are left. */
export const RENEW_DAYS = 30;
const CA_DAYS = 3650;

export const CA_CERT_FILE = 'turnout-local-ca.pem';
const CA_KEY_FILE = 'turnout-local-ca.key';
// .crt beside .key: HAProxy (ssl-load-extra-del-ext) finds the key from the certificate's name, as nginx and Node are told both.
const LEAF_CERT_FILE = 'turnout-local.crt';
const LEAF_KEY_FILE = 'turnout-local.key';

export interface PemPair {
  cert: string;
  key: string;
}

export interface LocalLeaf extends PemPair {
  /** When the leaf stops being valid: a renewal check compares against it. */
  notAfter: Date;
}

/**
 * Turnout's local certificate authority, mkcert-style: created once in `dir` (the data dir's
 * tls/ folder; the keys mode 600), it signs a leaf for localhost, 127.0.0.1, ::1 and the
 * profile's names. The leaf is reissued when the names change or fewer than RENEW_DAYS are
 * left. Trusting the CA once (`turnout tls ca`) makes every leaf trusted.
 */
export class LocalCa {
  constructor(readonly dir: string) {}

  get caFile(): string {
    return path.join(this.dir, CA_CERT_FILE);
  }

  /** The leaf's files (after leaf()): what the listener loads. */
  get leafFiles(): { certFile: string; keyFile: string } {
    return { certFile: path.join(this.dir, LEAF_CERT_FILE), keyFile: path.join(this.dir, LEAF_KEY_FILE) };
  }

  /** The CA's certificate (created if there is none yet). */
  async ensureCa(): Promise<{ cert: X509Certificate; keys: CryptoKeyPair }> {
    x509 = await loadX509();
    const existing = this.readPair(CA_CERT_FILE, CA_KEY_FILE);
    if (existing) return { cert: new x509.X509Certificate(existing.cert), keys: await importPair(existing) };
    const keys = (await webcrypto.subtle.generateKey(ALG, true, ['sign', 'verify'])) as CryptoKeyPair;
    const now = Date.now();
    const cert = await x509.X509CertificateGenerator.createSelfSigned({
      serialNumber: serial(),
      name: `CN=Turnout local CA (${process.env.USER ?? 'user'}), O=Turnout development CA`,
      notBefore: new Date(now - DAY_MS),
      notAfter: new Date(now + CA_DAYS * DAY_MS),
      signingAlgorithm: ALG,
      keys,
      extensions: [
        new x509.BasicConstraintsExtension(true, 0, true),
        new x509.KeyUsagesExtension(x509.KeyUsageFlags.keyCertSign | x509.KeyUsageFlags.cRLSign, true),
        await x509.SubjectKeyIdentifierExtension.create(keys.publicKey),
      ],
    });
    this.writePair(CA_CERT_FILE, CA_KEY_FILE, { cert: cert.toString('pem'), key: await exportKey(keys.privateKey) });
    return { cert, keys };
  }

  /** The leaf for `names` (plus the local ones), issued again if missing, for other names, or near expiry. */
  async leaf(names: readonly string[], now = new Date()): Promise<LocalLeaf> {
    const wanted = [...new Set([...LOCAL_NAMES, ...names])];
    const existing = this.readPair(LEAF_CERT_FILE, LEAF_KEY_FILE);
    const ca = await this.ensureCa();
    if (existing) {
      const cert = new x509.X509Certificate(existing.cert);
      const fresh = cert.notAfter.getTime() - now.getTime() > RENEW_DAYS * DAY_MS;
      if (fresh && sameNames(cert, wanted) && cert.issuer === ca.cert.subject) return { ...existing, notAfter: cert.notAfter };
    }
    return this.issue(ca, wanted, now);
  }

  private async issue(ca: { cert: X509Certificate; keys: CryptoKeyPair }, names: string[], now: Date): Promise<LocalLeaf> {
    const keys = (await webcrypto.subtle.generateKey(ALG, true, ['sign', 'verify'])) as CryptoKeyPair;
    const notAfter = new Date(now.getTime() + LEAF_DAYS * DAY_MS);
    const cert = await x509.X509CertificateGenerator.create({
      serialNumber: serial(),
      subject: 'CN=Turnout local (localhost)',
      issuer: ca.cert.subject,
      notBefore: new Date(now.getTime() - DAY_MS),
      notAfter,
      signingAlgorithm: ALG,
      publicKey: keys.publicKey,
      signingKey: ca.keys.privateKey,
      extensions: [
        new x509.BasicConstraintsExtension(false, undefined, true),
        new x509.KeyUsagesExtension(x509.KeyUsageFlags.digitalSignature, true),
        new x509.ExtendedKeyUsageExtension([x509.ExtendedKeyUsage.serverAuth]),
        new x509.SubjectAlternativeNameExtension(names.map((name) => (isIP(name) ? { type: 'ip' as const, value: name } : { type: 'dns' as const, value: name }))),
        await x509.AuthorityKeyIdentifierExtension.create(ca.cert),
      ],
    });
    const pair = { cert: cert.toString('pem'), key: await exportKey(keys.privateKey) };
    this.writePair(LEAF_CERT_FILE, LEAF_KEY_FILE, pair);
    return { ...pair, notAfter };
  }

  private readPair(certFile: string, keyFile: string): PemPair | undefined {
    try {
      return { cert: fs.readFileSync(path.join(this.dir, certFile), 'utf8'), key: fs.readFileSync(path.join(this.dir, keyFile), 'utf8') };
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
      throw error;
    }
  }

  private writePair(certFile: string, keyFile: string, pair: PemPair): void {
    makeDirectory(this.dir, 0o700);
    // The key first, created 600 (a rename keeps a half-written file from ever being read).
    writeAtomic(path.join(this.dir, keyFile), pair.key, 0o600);
    writeAtomic(path.join(this.dir, certFile), pair.cert, 0o644);
  }
}

function writeAtomic(file: string, text: string, mode: number): void {
  const temp = `${file}.${process.pid}.tmp`;
  fs.writeFileSync(temp, text, { mode });
  fs.chmodSync(temp, mode);
  fs.renameSync(temp, file);
}

function serial(): string {
  // Positive, 16 random bytes: unique per issue, as RFC 5280 asks.
  const bytes = webcrypto.getRandomValues(new Uint8Array(16));
  bytes[0] = bytes[0]! & 0x7f;
  return Buffer.from(bytes).toString('hex');
}

async function exportKey(key: CryptoKey): Promise<string> {
  const der = Buffer.from(await webcrypto.subtle.exportKey('pkcs8', key));
  return `-----BEGIN PRIVATE KEY-----\n${der.toString('base64').replace(/(.{64})/g, '$1\n').trimEnd()}\n-----END PRIVATE KEY-----\n`;
}

async function importPair(pair: PemPair): Promise<CryptoKeyPair> {
  const cert = new x509.X509Certificate(pair.cert);
  const der = Buffer.from(pair.key.replace(/-----[^-]+-----|\s/g, ''), 'base64');
  const privateKey = await webcrypto.subtle.importKey('pkcs8', der, ALG, true, ['sign']);
  const publicKey = await cert.publicKey.export(ALG, ['verify'], webcrypto as unknown as Parameters<typeof cert.publicKey.export>[2]);
  return { privateKey, publicKey };
}

function sameNames(cert: X509Certificate, wanted: readonly string[]): boolean {
  const san = cert.getExtension(x509.SubjectAlternativeNameExtension);
  const have = (san?.names.items ?? []).map((item) => item.value.toLowerCase());
  const want = wanted.map((name) => name.toLowerCase());
  return have.length === want.length && want.every((name) => have.includes(name));
}
