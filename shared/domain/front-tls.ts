import { z } from 'zod';

/**
 * A name the local certificate covers besides localhost, 127.0.0.1 and ::1: a DNS name
 * (wildcards allowed in the leftmost label, as browsers accept) or an IP address.
 */
export const certificateNameSchema = z
  .string()
  .trim()
  .min(1, 'must not be empty')
  .max(253, 'must be at most 253 characters')
  .regex(/^(\*\.)?[A-Za-z0-9]([A-Za-z0-9-]{0,61}[A-Za-z0-9])?(\.[A-Za-z0-9]([A-Za-z0-9-]{0,61}[A-Za-z0-9])?)*$|^[0-9.]+$|^[0-9a-fA-F:]+$/, 'must be a host name (e.g. app.test) or an IP address');

/**
 * HTTPS on the profile's listener (HTTP/2 and HTTP/1.1 by ALPN). Without certFile/keyFile
 * Turnout's local CA issues a leaf for localhost, 127.0.0.1, ::1 and `names`.
 * `redirectHttpPort`: a plain-HTTP listener on the same host that redirects to HTTPS.
 */
export const frontTlsSchema = z
  .object({
    enabled: z.boolean().default(false),
    certFile: z.string().trim().min(1, 'must not be empty').optional(),
    keyFile: z.string().trim().min(1, 'must not be empty').optional(),
    names: z.array(certificateNameSchema).max(32, 'at most 32 names').default([]),
    redirectHttpPort: z.number().int('must be a whole number').min(1, 'must be from 1 to 65535').max(65535, 'must be from 1 to 65535').optional(),
  })
  .refine((tls) => (tls.certFile === undefined) === (tls.keyFile === undefined), { message: 'give both a certificate file and a key file, or neither', path: ['certFile'] });

export type FrontTls = z.infer<typeof frontTlsSchema>;
export type FrontTlsInput = z.input<typeof frontTlsSchema>;

/** The names the local certificate always covers. */
export const LOCAL_NAMES = ['localhost', '127.0.0.1', '::1'] as const;

export interface TrustStep {
  system: string;
  commands: string[];
  note?: string;
}

/**
 * How to make a system trust Turnout's local CA (`caFile`, a PEM certificate): the same text
 * for `turnout tls ca` and the panel. Only the public certificate is ever copied; the key
 * stays in the data dir.
 */
export function trustSteps(caFile: string): TrustStep[] {
  const q = JSON.stringify(caFile);
  return [
    { system: 'Debian / Ubuntu', commands: [`sudo cp ${q} /usr/local/share/ca-certificates/turnout-local-ca.crt`, 'sudo update-ca-certificates'] },
    { system: 'Fedora / RHEL', commands: [`sudo trust anchor --store ${q}`], note: 'or copy it to /etc/pki/ca-trust/source/anchors/ and run sudo update-ca-trust' },
    { system: 'macOS', commands: [`sudo security add-trusted-cert -d -r trustRoot -k /Library/Keychains/System.keychain ${q}`] },
    { system: 'Windows (admin prompt)', commands: [`certutil -addstore -f ROOT ${q}`] },
    {
      system: 'Firefox (own store)',
      commands: [`certutil -A -d sql:$HOME/.pki/nssdb -t "C,," -n "Turnout local CA" -i ${q}`],
      note: 'for a Firefox profile use -d sql:<profile dir>; or the enterprise policy Certificates.ImportEnterpriseRoots=true (trusts what the OS trusts) or Certificates.Install; Chromium on Linux reads ~/.pki/nssdb too',
    },
  ];
}
