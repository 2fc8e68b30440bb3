import { z } from 'zod';

/**
 * Attaching to an HAProxy Turnout did not start (docs/external-data-planes.md): where its
 * runtime API listens, which backend carries the traffic, and which server is which
 * environment. Names are limited to HAProxy's own identifier characters because they are
 * written into runtime-API commands: a ";" or a newline would be a second command.
 */
export const HAPROXY_NAME = /^[A-Za-z0-9._:-]+$/;

/** Where the runtime API listens: a unix socket path, or TCP `host:port` (`[v6]:port`). */
export type RuntimeAddress = { path: string } | { host: string; port: number };

/** Parses a runtime-API address, or returns null if it is neither an absolute path nor host:port. */
export function parseRuntimeAddress(text: string): RuntimeAddress | null {
  if (text.startsWith('/')) return { path: text };
  const match = /^(?:\[([0-9A-Fa-f:.]+)\]|([A-Za-z0-9.-]+)):(\d{1,5})$/.exec(text);
  if (!match) return null;
  const port = Number(match[3]);
  if (port < 1 || port > 65535) return null;
  return { host: match[1] ?? match[2]!, port };
}

const haproxyName = (what: string) => z.string().regex(HAPROXY_NAME, `${what} may use only letters, digits and . _ : -`);

export const haproxyAttachSchema = z
  .object({
    kind: z.literal('haproxy-attach'),
    /** The runtime API (admin stats socket): a unix socket path or host:port. */
    socket: z.string().refine((text) => parseRuntimeAddress(text) !== null, 'socket must be a unix socket path (/…) or host:port'),
    /** The HAProxy backend whose servers are the environments. */
    backend: haproxyName('backend'),
    /** Environment name → server name in that backend. */
    servers: z.record(z.string(), haproxyName('server name')).refine((servers) => Object.keys(servers).length > 0, 'name at least one server (ENV=SERVER)'),
  })
  .strict();

export type HaproxyAttach = z.infer<typeof haproxyAttachSchema>;
