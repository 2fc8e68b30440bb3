import { DATA_PLANE_KINDS, MAX_WORKERS, type DataPlaneKind, type DataPlaneMode } from '../../../shared/domain/data-plane-mode';
import { embeddedWithWorkers, type WorkersSetting } from '../../../shared/domain/data-plane-workers';
import type { ProfileInput } from '../../../shared/domain/profile';
import { UsageError, type Values } from './common';
import { attachFlags, attachMode, hasAttachFlags, HAPROXY_ATTACH_FLAGS, HAPROXY_ATTACH_FLAGS_HELP, type AttachFlags } from './haproxy-attach-flags';

/** `--data-plane` and `--workers` of `profile create|edit`: which engine, and how many proxy processes. */

export const DATA_PLANE_FLAGS = {
  'data-plane': { type: 'string' },
  workers: { type: 'string' },
  ...HAPROXY_ATTACH_FLAGS,
} as const;

export const DATA_PLANE_FLAGS_HELP = `  --data-plane ENGINE    embedded (Turnout's proxy), haproxy or nginx (nginx: each ratio change is a reload),
                         or haproxy-attach (steer an HAProxy that already runs elsewhere, by its runtime API)
  --workers N|auto       embedded engine only: proxy processes behind the listen address, 1 to ${MAX_WORKERS},
                         or auto (one per CPU core; default 1: inside Turnout). --data-plane embedded
                         alone keeps the count
${HAPROXY_ATTACH_FLAGS_HELP}`;

export interface DataPlaneFlags {
  kind?: DataPlaneKind;
  workers?: WorkersSetting;
  attach?: AttachFlags;
}

/**
 * Checks the flags on their own, before any request: a bad value or `--workers` with an
 * external engine is a usage mistake whatever the stored profile says.
 */
export function dataPlaneFlags(values: Values): DataPlaneFlags {
  const kind = values['data-plane'] as string | undefined;
  const workers = values.workers as string | undefined;
  if (kind !== undefined && !(DATA_PLANE_KINDS as readonly string[]).includes(kind)) {
    throw new UsageError(`--data-plane must be one of ${DATA_PLANE_KINDS.join(', ')}, got "${kind}"`);
  }
  if (workers !== undefined && kind !== undefined && kind !== 'embedded') {
    throw new UsageError(`--workers applies only to the embedded engine, not --data-plane ${kind}`);
  }
  const attach = attachFlags(values);
  if (hasAttachFlags(attach) && kind !== undefined && kind !== 'haproxy-attach') {
    throw new UsageError(`--haproxy-socket, --haproxy-backend and --haproxy-server apply only to --data-plane haproxy-attach, not ${kind}`);
  }
  return {
    ...(kind !== undefined && { kind: kind as DataPlaneKind }),
    ...(workers !== undefined && { workers: parseWorkers(workers) }),
    ...(hasAttachFlags(attach) && { attach }),
  };
}

export const hasDataPlaneChange = (flags: DataPlaneFlags): boolean => flags.kind !== undefined || flags.workers !== undefined || flags.attach !== undefined;

/**
 * The profile with the flags applied. Naming the engine the profile already has keeps its
 * settings (the worker count, an engine binary), so `--data-plane embedded` never silently
 * drops workers; switching engines starts from that engine's defaults. `--workers` alone
 * keeps an embedded profile embedded and refuses an external one rather than switch engines
 * behind the user's back.
 */
export function applyDataPlaneFlags<P extends ProfileInput>(profile: P, flags: DataPlaneFlags): P {
  if (!hasDataPlaneChange(flags)) return profile;
  const current: DataPlaneMode = profile.dataPlane ?? { kind: 'embedded' };
  const kind = flags.kind ?? current.kind;
  if (kind === 'haproxy-attach') {
    return { ...profile, dataPlane: attachMode(current.kind === 'haproxy-attach' ? current : {}, flags.attach ?? {}) };
  }
  if (flags.attach) throw new UsageError(`--haproxy-socket, --haproxy-backend and --haproxy-server apply only to haproxy-attach; "${profile.name}" uses ${kind}`);
  const mode = (kind === current.kind ? current : { kind }) as DataPlaneMode;
  if (flags.workers === undefined) return { ...profile, dataPlane: mode };
  if (mode.kind !== 'embedded') {
    throw new UsageError(`--workers applies only to the embedded engine; "${profile.name}" uses ${mode.kind} (add --data-plane embedded to switch)`);
  }
  return { ...profile, dataPlane: embeddedWithWorkers(flags.workers) };
}

/** `--workers` of `profile create|edit` and `serve`: a count from 1 to MAX_WORKERS, or auto. */
export function parseWorkers(text: string): WorkersSetting {
  if (text === 'auto') return 'auto';
  const workers = /^\d+$/.test(text) ? Number(text) : Number.NaN;
  if (!(workers >= 1 && workers <= MAX_WORKERS)) throw new UsageError(`--workers must be a whole number from 1 to ${MAX_WORKERS} or auto, got "${text}"`);
  return workers;
}
