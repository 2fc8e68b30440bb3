import { z } from 'zod';
import { environmentNameSchema } from '../domain/environment';
import type { ShadowStatus } from './shadow';

/**
 * Shadow and compare, spread into the one contract (methods.ts). shadowStart: from now on a
 * copy of `percent` % of the GET and HEAD requests without a body also goes to `environment`
 * (after the real answer is complete; the client never sees or waits for it), and each pair is
 * compared. Restarting resets the results. shadowStop keeps the results for shadowStatus.
 */
export const shadowMethods = {
  shadowStart: { input: z.object({ environment: environmentNameSchema, percent: z.number().gt(0, 'percent must be above 0').max(100, 'percent must be at most 100') }).strict() },
  shadowStop: { input: z.object({}).strict() },
  shadowStatus: { input: z.object({}).strict() },
} as const;

/** `shadow`: the status (ShadowStatus) when it changes, at most twice a second while a shadow runs. */
export const SHADOW_EVENT_NAMES = ['shadow'] as const;

export interface ShadowMethodResults {
  shadowStart: ShadowStatus;
  shadowStop: ShadowStatus;
  shadowStatus: ShadowStatus;
}
