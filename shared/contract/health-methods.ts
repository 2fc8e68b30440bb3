import { z } from 'zod';
import { environmentNameSchema } from '../domain/environment';
import { healthCheckSchema } from '../domain/health-settings';
import type { ProbeResult } from './state';

/** Health-check methods, spread into the one contract (methods.ts). */
export const healthMethods = {
  /**
   * Runs one probe now against the environment of the active profile, at its real URL:
   * with `health` (settings not saved yet, to try them) or the stored ones. A test only:
   * the environment's health state is left as it is. An unknown environment is NOT_FOUND.
   */
  probeEnvironment: { input: z.object({ name: environmentNameSchema, health: healthCheckSchema.optional() }).strict() },
} as const;

export interface HealthMethodResults {
  probeEnvironment: ProbeResult;
}
