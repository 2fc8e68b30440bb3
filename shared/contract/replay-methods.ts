import { z } from 'zod';
import { environmentNameSchema } from '../domain/environment';
import type { ReplayResult } from './replay';

/**
 * Replay, spread into the one contract (methods.ts): the recorded request `seq` sent to the
 * environment `to`. Idempotent methods (GET, HEAD, OPTIONS, PUT, DELETE) go at once, to the
 * original environment too, and the two fresh answers are compared. Any other method only
 * with `confirm: true` and only when its body was kept whole; it is sent to `to` alone and
 * compared with the recorded answer. CONFLICT otherwise, and nothing is sent.
 */
export const replayMethods = {
  replayRequest: { input: z.object({ seq: z.number().int().min(1), to: environmentNameSchema, confirm: z.boolean().default(false) }).strict() },
} as const;

export interface ReplayMethodResults {
  replayRequest: ReplayResult;
}
