import { z } from 'zod';
import { environmentNameSchema } from '../domain/environment';
import { heldStepSchema, rampPlanSchema, shadowGateSchema, smokeSchema } from '../domain/update-plan';
import type { FlowNotice, FlowView } from './flow';

/**
 * The guided update's methods, spread into the one contract (methods.ts). Each acts on
 * the active profile; only one update runs at a time.
 */
export const flowMethods = {
  /**
   * Starts an update with `first` going first: blue-green (drain, update, verify, swap…) or
   * a guarded ramp instead of the swap. `smoke` (null turns it off) and the drain's
   * `graceMs`, `sessionWindowMs` and `deadlineMs` override the profile's `update` settings
   * for this run. `heldStep` adds a step that runs a command (a migration) while the proxy
   * holds every new request.
   */
  updateStart: {
    input: z
      .object({
        first: environmentNameSchema,
        plan: z.union([z.literal('blue-green'), rampPlanSchema]).default('blue-green'),
        smoke: smokeSchema.nullable().optional(),
        /** A command run with traffic held, just before the swap or the ramp (update-plan.ts, heldStepSchema). */
        heldStep: heldStepSchema.optional(),
        /** After verify: shadow live requests to `first` and go on only within the limits (update-plan.ts, shadowGateSchema). */
        shadowGate: shadowGateSchema.optional(),
        graceMs: z.number().int().min(0).max(3_600_000).optional(),
        sessionWindowMs: z.number().int().min(0).max(3_600_000).optional(),
        deadlineMs: z.number().int().min(0).max(3_600_000).optional(),
        /** How long verify waits for health (and smoke) before the update fails. */
        verifyTimeoutMs: z.number().int().min(100).max(3_600_000).default(120_000),
      })
      .strict(),
  },
  /**
   * Confirms the step that waits for a person: "I've updated it", "go on" at a ramp gate,
   * or "run the imported command" (with `manual`: "I updated it myself, don't run it").
   * During a drain it means "finish now": sticky clients are re-pinned and WebSockets and
   * event streams closed at once, and requests still in flight get at most 5 s more.
   */
  updateNext: { input: z.object({ manual: z.boolean().default(false) }).strict() },
  /** Stops the update and returns to the last safe ratio. */
  updateAbort: { input: z.object({ reason: z.string().trim().min(1).max(200).optional() }).strict() },
  /** The running (or last finished) update; null if none ran since Turnout started. */
  getUpdate: { input: z.object({}).strict() },
} as const;

export interface FlowMethodResults {
  updateStart: FlowView;
  updateNext: FlowView;
  updateAbort: FlowView;
  getUpdate: FlowView | null;
}

/** Events the flow adds to the contract's feed. */
export interface FlowEvents {
  /** Something a person should see now: a guard rollback, a failed step, a finished update. */
  flowNotice: FlowNotice;
}
export const FLOW_EVENT_NAMES = ['flowNotice'] as const;
