import type { FrontTls, FrontTlsInput } from '../../../../shared/domain/front-tls';

/**
 * The form's HTTPS section as typed: names one per line or comma-separated, files blank for
 * the local CA, the redirect port blank for none. The shared schema (front-tls.ts) checks it.
 */
export interface TlsDraft {
  enabled: boolean;
  names: string;
  certFile: string;
  keyFile: string;
  redirectPort: string;
}

export function tlsDraft(tls: FrontTls | undefined): TlsDraft {
  return {
    enabled: tls?.enabled ?? false,
    names: (tls?.names ?? []).join('\n'),
    certFile: tls?.certFile ?? '',
    keyFile: tls?.keyFile ?? '',
    redirectPort: tls?.redirectHttpPort === undefined ? '' : String(tls.redirectHttpPort),
  };
}

/**
 * The `tls` to store. Blank files mean the local CA (so they are left out, not stored as
 * ""); a port that is not a whole number reaches the schema as NaN and its message says so.
 * Off keeps what was typed, so turning HTTPS on again later finds the same settings.
 */
export function tlsSetting(draft: TlsDraft): FrontTlsInput {
  const certFile = draft.certFile.trim();
  const keyFile = draft.keyFile.trim();
  const port = draft.redirectPort.trim();
  return {
    enabled: draft.enabled,
    names: draft.names
      .split(/[\s,]+/)
      .map((name) => name.trim())
      .filter((name) => name !== ''),
    ...(certFile !== '' ? { certFile } : {}),
    ...(keyFile !== '' ? { keyFile } : {}),
    ...(port !== '' ? { redirectHttpPort: /^\d+$/.test(port) ? Number(port) : Number.NaN } : {}),
  };
}
