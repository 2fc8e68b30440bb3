import { z } from 'zod';
import { haproxyAttachSchema } from './haproxy-attach';

/** More worker processes than this never pays on a workstation (and would exhaust file descriptors first). */
export const MAX_WORKERS = 64;

/**
 * Which engine carries a profile's traffic. `embedded` is Turnout's own proxy; the others
 * are real production engines Turnout configures and drives, so a team that outgrows a
 * workstation keeps the same profile and slider (docs/external-data-planes.md).
 */
export const dataPlaneModeSchema = z.discriminatedUnion('kind', [
  z
    .object({
      kind: z.literal('embedded'),
      /**
       * Proxy worker processes behind the one listen address (default 1: the proxy runs
       * inside Turnout's own process). More than one spreads traffic over CPU cores; each
       * worker keeps its own exact smooth-WRR sequence (docs/workers.md). `auto`: one per
       * CPU core of the machine Turnout runs on (at most MAX_WORKERS).
       */
      workers: z
        .union([
          z.number().int('workers must be a whole number').min(1, 'workers must be at least 1').max(MAX_WORKERS, `workers must be at most ${MAX_WORKERS}`),
          z.literal('auto'),
        ])
        .optional(),
    })
    .strict(),
  z
    .object({
      kind: z.literal('haproxy'),
      /** The haproxy executable; default: `haproxy` on the PATH. */
      binary: z.string().min(1).optional(),
    })
    .strict(),
  z
    .object({
      kind: z.literal('nginx'),
      /** The nginx executable; default: `nginx` on the PATH. */
      binary: z.string().min(1).optional(),
    })
    .strict(),
  /** An HAProxy that already runs elsewhere, steered through its runtime API (haproxy-attach.ts). */
  haproxyAttachSchema,
]);

export type DataPlaneMode = z.infer<typeof dataPlaneModeSchema>;
export type DataPlaneKind = DataPlaneMode['kind'];
export const DATA_PLANE_KINDS: readonly DataPlaneKind[] = ['embedded', 'haproxy', 'nginx', 'haproxy-attach'];

/**
 * What choosing nginx costs, told before the user picks it. Open-source nginx cannot change
 * upstream weights at run time, so every ratio change is a reload. The bounds are what
 * test/core/external/nginx-plane.test.ts measures against (16 keep-alive clients, 2 cores;
 * figures in docs/external-data-planes.md): a run that exceeds them fails, so the sentence
 * the user reads stays true.
 */
export const NGINX_RELOAD_COST = { maxFailedPerChange: 20, maxOldRatioMs: 1000 } as const;

export const NGINX_RELOAD_WARNING =
  `nginx mode: every ratio change reloads nginx. Clients on keep-alive connections may see up to ${NGINX_RELOAD_COST.maxFailedPerChange} failed requests ` +
  `(connection reset) per change, and the old ratio keeps serving until the reload is done (up to ${NGINX_RELOAD_COST.maxOldRatioMs} ms). ` +
  'HAProxy mode and the embedded proxy change ratios with no failed requests.';

/** The warning a view or the CLI shows for this mode, or null when it has no known cost. */
export function dataPlaneWarning(mode: DataPlaneMode): string | null {
  return mode.kind === 'nginx' ? NGINX_RELOAD_WARNING : null;
}
