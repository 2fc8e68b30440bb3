import { haproxyAttachSchema, type HaproxyAttach } from '../../../shared/domain/haproxy-attach';
import { UsageError, type Values } from './common';

/** `--haproxy-socket`, `--haproxy-backend`, `--haproxy-server ENV=SERVER` of `profile create|edit` (haproxy-attach only). */

export const HAPROXY_ATTACH_FLAGS = {
  'haproxy-socket': { type: 'string' },
  'haproxy-backend': { type: 'string' },
  'haproxy-server': { type: 'string', multiple: true },
} as const;

export const HAPROXY_ATTACH_FLAGS_HELP = `  --haproxy-socket ADDR  haproxy-attach: its runtime API, a unix socket path or HOST:PORT at "level admin"
                         (expose it through an SSH tunnel, never on a network: docs/external-data-planes.md)
  --haproxy-backend NAME haproxy-attach: the backend whose servers are the environments
  --haproxy-server ENV=SERVER  haproxy-attach: which server of that backend is which environment; repeat`;

export type AttachFlags = Partial<Omit<HaproxyAttach, 'kind'>>;

export function attachFlags(values: Values): AttachFlags {
  const servers = values['haproxy-server'] as string[] | undefined;
  const pairs = servers?.map((pair) => {
    const at = pair.indexOf('=');
    if (at <= 0 || at === pair.length - 1) throw new UsageError(`--haproxy-server takes ENV=SERVER, got "${pair}"`);
    return [pair.slice(0, at), pair.slice(at + 1)] as const;
  });
  return {
    ...(values['haproxy-socket'] !== undefined && { socket: values['haproxy-socket'] as string }),
    ...(values['haproxy-backend'] !== undefined && { backend: values['haproxy-backend'] as string }),
    ...(pairs !== undefined && { servers: Object.fromEntries(pairs) }),
  };
}

export const hasAttachFlags = (flags: AttachFlags): boolean => Object.keys(flags).length > 0;

/** The attach settings with the flags laid over what is stored (servers merge per environment); checked whole. */
export function attachMode(current: Partial<HaproxyAttach>, flags: AttachFlags): HaproxyAttach {
  const merged = { ...current, ...flags, kind: 'haproxy-attach', servers: { ...current.servers, ...flags.servers } };
  const parsed = haproxyAttachSchema.safeParse(merged);
  if (parsed.success) return parsed.data;
  const issue = parsed.error.issues[0]!;
  const flag = { socket: '--haproxy-socket', backend: '--haproxy-backend', servers: '--haproxy-server' }[String(issue.path[0])] ?? '--data-plane haproxy-attach';
  throw new UsageError(issue.code === 'invalid_type' ? `--data-plane haproxy-attach needs ${flag}` : `${flag}: ${issue.message}`);
}
