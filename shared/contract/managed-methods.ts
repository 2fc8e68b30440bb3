import { z } from 'zod';
import { environmentNameSchema } from '../domain/environment';
import type { LogLine, ManagedView } from './managed';

const target = z.object({ environment: environmentNameSchema }).strict();

/**
 * Managed environments' part of the contract (spread into `methods`): the processes the
 * active profile runs itself (shared/domain/managed.ts) and their output. An environment
 * Turnout does not run is NOT_FOUND.
 */
export const managedMethods = {
  /** The last `limit` lines of an environment's output (only those after `after`, a line's seq, if given). */
  environmentLogs: {
    input: target.extend({ limit: z.number().int().min(1).max(1000).default(200), after: z.number().int().min(0).optional() }).strict(),
  },
  /**
   * Starts it (again): a crashed one now rather than after its backoff, a running one is
   * restarted on the same port. `confirm` says yes to an imported command once (stored).
   */
  environmentRestart: { input: target.extend({ confirm: z.boolean().default(false) }).strict() },
} as const;

export const MANAGED_EVENT_NAMES = ['environmentLog'] as const;

export interface ManagedMethodResults {
  /** `view` is null for an environment of the profile that Turnout does not run (its log is empty). */
  environmentLogs: { environment: string; lines: LogLine[]; lastSeq: number; view: ManagedView | null };
  environmentRestart: ManagedView;
}
