import path from 'node:path';
import type { FrontTlsInput } from '../../../shared/domain/front-tls';
import { UsageError, type Values } from './common';

/** HTTPS on the listener as flags, the same on `serve` and `profile create|edit` (stored in the profile). */
export const TLS_FLAGS = {
  tls: { type: 'boolean' },
  'no-tls': { type: 'boolean' },
  'tls-cert': { type: 'string' },
  'tls-key': { type: 'string' },
  'tls-name': { type: 'string', multiple: true },
  'tls-redirect': { type: 'string' },
} as const;

export const TLS_FLAGS_HELP = `  --tls                 HTTPS on the listener: HTTP/2 and HTTP/1.1 (stored in the profile).
                        Without --tls-cert/--tls-key, a local CA (made once in the data dir)
                        issues a certificate for localhost, 127.0.0.1, ::1 and --tls-name;
                        \`turnout tls ca\` says how to trust it
  --tls-cert FILE --tls-key FILE  your own certificate and key (PEM; reloaded when they change)
  --tls-name NAME       another name the local certificate covers (repeat; e.g. app.test)
  --tls-redirect PORT   also listen on PORT with plain HTTP, redirecting to HTTPS
  --no-tls              plain HTTP again`;

/** The HTTPS settings the flags change (merged over the stored ones), or undefined when none was given. */
export function tlsFlags(values: Values): Partial<FrontTlsInput> | undefined {
  const cert = values['tls-cert'] as string | undefined;
  const key = values['tls-key'] as string | undefined;
  const names = values['tls-name'] as string[] | undefined;
  const redirect = values['tls-redirect'] as string | undefined;
  if (values.tls === true && values['no-tls'] === true) throw new UsageError('--tls and --no-tls contradict each other');
  if ((cert === undefined) !== (key === undefined)) throw new UsageError('--tls-cert and --tls-key go together');
  const change: Partial<FrontTlsInput> = {};
  if (values['no-tls'] === true) return { enabled: false };
  if (values.tls === true || cert !== undefined || names !== undefined || redirect !== undefined) change.enabled = true;
  // Absolute: a running Turnout reads them from its own working directory, not the shell's.
  if (cert !== undefined) Object.assign(change, { certFile: path.resolve(cert), keyFile: path.resolve(key!) });
  if (names !== undefined) change.names = names;
  if (redirect !== undefined) {
    if (!/^\d{1,5}$/.test(redirect)) throw new UsageError(`--tls-redirect must be a port number, got "${redirect}"`);
    change.redirectHttpPort = Number(redirect);
  }
  return Object.keys(change).length > 0 ? change : undefined;
}
