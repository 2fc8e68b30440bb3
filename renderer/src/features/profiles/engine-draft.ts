import type { DataPlaneMode } from '../../../../shared/domain/data-plane-mode';

/**
 * The form's engine choice: the profile's own engine, or an HAProxy that already runs
 * elsewhere (haproxy-attach), with its runtime API and backend. Which server is which
 * environment is typed beside each environment (EnvironmentDraft.server), so it follows
 * an environment that is renamed or removed.
 */
export interface EngineDraft {
  attach: boolean;
  socket: string;
  backend: string;
}

export function engineDraft(mode: DataPlaneMode | undefined): EngineDraft {
  if (mode?.kind === 'haproxy-attach') return { attach: true, socket: mode.socket, backend: mode.backend };
  return { attach: false, socket: '', backend: '' };
}

/**
 * The engine to store: attach settings when chosen (checked by the shared schema like any
 * other field), the embedded proxy when an attached profile is switched back, otherwise
 * whatever the profile had (the form does not show managed HAProxy or nginx settings).
 */
export function engineMode(draft: EngineDraft, servers: readonly { name: string; server?: string }[], base: DataPlaneMode | undefined): DataPlaneMode | undefined {
  if (draft.attach) {
    return { kind: 'haproxy-attach', socket: draft.socket.trim(), backend: draft.backend.trim(), servers: Object.fromEntries(servers.map((env) => [env.name.trim(), env.server?.trim() ?? ''])) };
  }
  return base?.kind === 'haproxy-attach' ? { kind: 'embedded' } : base;
}
