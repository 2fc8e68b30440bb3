import { z } from 'zod';
import { environmentNameSchema } from './environment';
import { HOLD_TIMEOUT_MAX_MS } from './pause';
import { RATIO_TOTAL, type Weights } from './ratio';

/**
 * What a guided update may be told: the profile's standing settings (update commands,
 * grace period, smoke request) and a ramp plan with its guard. Pure: the step machine in
 * electron/core/flow reads these, and every transport validates input with them.
 */

const int = (min: number, max: number) => z.number().int('must be a whole number').min(min, `must be at least ${min}`).max(max, `must be at most ${max}`);

/** An hour: longer than any drain or update a person waits for at a desk. */
const MAX_MS = 3_600_000;

export const updateCommandSchema = z.object({
  /** Run by the shell, e.g. `docker compose up -d blue`; its output is shown while it runs. */
  command: z.string().trim().min(1, 'must not be empty').max(2000, 'must be at most 2000 characters'),
  /**
   * Whether the user has agreed to run it. Commands that arrive through an import are
   * reset to false, so a shared file cannot run anything before its owner says yes once.
   */
  confirmed: z.boolean().default(false),
});
export type UpdateCommand = z.infer<typeof updateCommandSchema>;

/**
 * How much longer the proxy's own hold timeout is than the step's: the flow gives up (and
 * releases every held request to the safe ratio) before any held request is answered 503.
 */
export const HELD_STEP_MARGIN_MS = 5_000;

/**
 * A step run with traffic held ("hold traffic while the migration runs"), placed just before
 * the swap (or the ramp's first step): the proxy holds every new request, waits until nothing
 * is in flight, runs `command`, and releases the held requests when it exits 0. A failure,
 * or `timeoutMs` passing from the hold's start, aborts the update to the safe ratio and
 * releases them there. Given with updateStart, so no import can bring one in unconfirmed.
 */
export const heldStepSchema = z.object({
  command: z.string().trim().min(1, 'must not be empty').max(2000, 'must be at most 2000 characters'),
  timeoutMs: int(1000, HOLD_TIMEOUT_MAX_MS - HELD_STEP_MARGIN_MS).default(30_000),
});
export type HeldStep = z.infer<typeof heldStepSchema>;

/**
 * The shadow gate, after verify (docs/shadow.md): `percent` % of the live GET/HEAD requests are
 * copied to the updated environment (still at weight 0) and compared with the serving side's
 * answers; the update goes on once `requests` pairs are compared with a mismatch rate of at most
 * `maxMismatchRate` and (if given) the updated side's p99 at most `maxP99Ms`; otherwise, or
 * when `timeoutMs` passes first, it fails to the safe ratio.
 */
export const shadowGateSchema = z.object({
  requests: int(1, 100_000),
  percent: z.number().gt(0, 'must be above 0').max(100, 'must be at most 100').default(100),
  maxMismatchRate: z.number().min(0, 'must be at least 0').max(1, 'must be at most 1').default(0),
  maxP99Ms: z.number().positive('must be above 0').max(MAX_MS).nullable().default(null),
  timeoutMs: int(1000, MAX_MS).default(300_000),
}).strict();
export type ShadowGate = z.infer<typeof shadowGateSchema>;

export const smokeSchema = z.object({
  path: z.string().regex(/^\/\S*$/, 'must start with / and contain no spaces'),
  expectStatus: int(100, 599).default(200),
});
export type Smoke = z.infer<typeof smokeSchema>;

/**
 * How an update drain gives every kind of client a defined, bounded end (docs/update-flow.md),
 * each counted from the drain's start. The defaults end a drain by itself within 30 s.
 */
export const drainSettingsSchema = z.object({
  /** Sticky clients keep the draining environment this long; then their cookie is re-pinned to where traffic goes. */
  sessionWindowMs: int(0, MAX_MS).default(10_000),
  /**
   * Open WebSockets get a close frame 1001 Going Away and event streams (SSE) end cleanly
   * after this long (never before the session window ends, or clients would reconnect to
   * the draining side).
   */
  graceMs: int(0, MAX_MS).default(10_000),
  /** Requests still in flight this long after the start are cut (never before the grace ends). */
  deadlineMs: int(0, MAX_MS).default(30_000),
});
export type DrainSettings = z.infer<typeof drainSettingsSchema>;
export const DRAIN_DEFAULTS: DrainSettings = drainSettingsSchema.parse({});

/** When each part of a drain started at `start` happens: the settings made consistent (each no earlier than the one before). */
export function drainSchedule(settings: DrainSettings, start: number): { sessionsAt: number; connectionsAt: number; cutAt: number } {
  const sessionsAt = start + settings.sessionWindowMs;
  const connectionsAt = Math.max(sessionsAt, start + settings.graceMs);
  return { sessionsAt, connectionsAt, cutAt: Math.max(connectionsAt, start + settings.deadlineMs) };
}

/** The profile's standing update settings (`profile.update`). */
export const updateSettingsSchema = z
  .object({
    commands: z.record(environmentNameSchema, updateCommandSchema).default({}),
    drain: drainSettingsSchema.optional(),
    /**
     * Read only, from profiles stored before drains had an end: their grace period (null:
     * wait as long as it takes, which never ends while a WebSocket is open). A number becomes
     * the drain's grace; null takes the defaults, so an old profile's drain ends by itself too.
     */
    graceMs: int(0, MAX_MS).nullable().optional(),
    smoke: smokeSchema.nullable().default(null),
  })
  .transform(({ graceMs, drain, ...rest }) => ({ ...rest, drain: drain ?? drainSettingsSchema.parse(typeof graceMs === 'number' ? { graceMs } : {}) }));
export type UpdateSettings = z.infer<typeof updateSettingsSchema>;

export const rampStepSchema = z.object({
  /** The new environment's weight in percent. */
  weight: int(1, RATIO_TOTAL),
  /** How long to stay at this weight (the guard watching) before the next step. */
  holdMs: int(0, MAX_MS).default(0),
  /** After the hold, wait until the user says go (`updateNext`). */
  gate: z.boolean().default(false),
});
export type RampStep = z.infer<typeof rampStepSchema>;

export const guardSchema = z.object({
  /** Absolute ceiling of the new side's error rate (5xx and proxy errors), 0…1. */
  maxErrorRate: z.number().min(0).max(1).default(0.05),
  /** How much worse than the old side's error rate the new side may be, 0…1. */
  maxErrorRateDelta: z.number().min(0).max(1).default(0.02),
  /** Absolute ceiling of the new side's p99 in ms; null: none. */
  maxP99Ms: int(1, 600_000).nullable().default(null),
  /** The new side's p99 may be at most this many times the old side's (plus 50 ms); null: no comparison. */
  maxP99Factor: z.number().min(1).max(100).nullable().default(3),
  /** Seconds of 1 s samples judged together. */
  windowSeconds: int(1, 60).default(5),
  /** Fewer requests than this on the new side in the window: no verdict yet (one error in two requests is noise). */
  minRequests: int(1, 100_000).default(20),
});
export type Guard = z.infer<typeof guardSchema>;

export const rampPlanSchema = z
  .object({
    steps: z.array(rampStepSchema).min(1, 'needs at least one step').max(20, 'at most 20 steps'),
    guard: guardSchema.prefault({}),
    /** On a breach: straight back to the last safe ratio, or back down the steps already taken. */
    rollback: z.enum(['at-once', 'gradual']).default('at-once'),
    /** How long each step back lasts in a gradual rollback. */
    rollbackStepMs: int(0, MAX_MS).default(2000),
  })
  .superRefine((plan, ctx) => {
    plan.steps.forEach((step, index) => {
      if (index > 0 && step.weight <= plan.steps[index - 1]!.weight) {
        ctx.addIssue({ code: 'custom', path: ['steps', index, 'weight'], message: `must be more than the step before (${plan.steps[index - 1]!.weight})` });
      }
    });
    const last = plan.steps[plan.steps.length - 1];
    if (last && last.weight !== RATIO_TOTAL) ctx.addIssue({ code: 'custom', path: ['steps', plan.steps.length - 1, 'weight'], message: 'the last step must be 100' });
  });
export type RampPlan = z.infer<typeof rampPlanSchema>;
export type RampPlanInput = z.input<typeof rampPlanSchema>;

/**
 * Gives `name` exactly `weight` percent and shares the rest among the others in proportion
 * to `base` (evenly if they all have 0 there), rounding by largest remainder so the sum
 * stays 100. Drain is `shareWeights(base, name, 0)`; a swap is `shareWeights(base, name, 100)`.
 */
export function shareWeights(base: Weights, name: string, weight: number): Weights {
  const others = Object.keys(base).filter((key) => key !== name);
  const rest = RATIO_TOTAL - weight;
  const baseSum = others.reduce((sum, key) => sum + (base[key] ?? 0), 0);
  const exact = others.map((key) => (baseSum === 0 ? rest / others.length : (rest * (base[key] ?? 0)) / baseSum));
  const floors = exact.map(Math.floor);
  let left = rest - floors.reduce((a, b) => a + b, 0);
  const order = exact.map((value, index) => ({ index, remainder: value - floors[index]! })).sort((a, b) => b.remainder - a.remainder || a.index - b.index);
  for (const { index } of order) {
    if (left <= 0) break;
    floors[index]!++;
    left--;
  }
  const result: Weights = {};
  for (const key of Object.keys(base)) result[key] = key === name ? weight : floors[others.indexOf(key)]!;
  return result;
}

/** The same profile with every update command unconfirmed: what an import stores. */
export function withUnconfirmedCommands<P extends { update: UpdateSettings }>(profile: P): P {
  const commands = Object.fromEntries(Object.entries(profile.update.commands).map(([env, command]) => [env, { ...command, confirmed: false }]));
  return { ...profile, update: { ...profile.update, commands } };
}
