import { HOLD_TIMEOUT_MAX_MS } from '../../../../shared/domain/pause';
import { HELD_STEP_MARGIN_MS, heldStepSchema, rampPlanSchema, smokeSchema, type HeldStep, type RampPlan, type Smoke } from '../../../../shared/domain/update-plan';

/** A form field's text read into a value, or the sentence that says why it cannot be. */
export type Parsed<T> = { ok: true; value: T } | { ok: false; error: string };

/** "30s", "2m", "1500ms" or plain milliseconds, as the CLI's --ramp and --grace read them. */
export function parseDuration(text: string): number | null {
  const match = /^(\d+)\s*(ms|s|m)?$/.exec(text.trim());
  if (!match) return null;
  return Number(match[1]) * { ms: 1, s: 1000, m: 60_000 }[(match[2] ?? 'ms') as 'ms' | 's' | 'm'];
}

/**
 * "5@2m, 25, 50?, 100": the new side's weight per step, `@HOLD` to stay there a while (the
 * guard watching), `?` to wait for a person before going on. The same notation as
 * `turnout update start --ramp`, so what people learn in one place works in the other;
 * the shared zod schema then checks the plan exactly as the server will.
 */
export function parseRampText(text: string): Parsed<RampPlan> {
  const parts = text.split(',').map((part) => part.trim());
  if (parts.every((part) => part === '')) return { ok: false, error: 'Enter the steps, e.g. 5@2m, 25, 50?, 100' };
  const steps = [];
  for (const [index, part] of parts.entries()) {
    const match = /^(\d{1,3})(?:\s*@\s*(\w+))?\s*(\?)?$/.exec(part);
    const holdMs = match?.[2] === undefined ? 0 : parseDuration(match[2]);
    if (!match || holdMs === null) return { ok: false, error: `Step ${index + 1} ("${part}") must look like 25, 5@2m or 50?` };
    steps.push({ weight: Number(match[1]), holdMs, gate: match[3] === '?' });
  }
  const parsed = rampPlanSchema.safeParse({ steps });
  if (parsed.success) return { ok: true, value: parsed.data };
  const issue = parsed.error.issues[0]!;
  const stepIndex = issue.path[0] === 'steps' && typeof issue.path[1] === 'number' ? issue.path[1] : null;
  return { ok: false, error: stepIndex === null ? issue.message : `Step ${stepIndex + 1}: ${issue.message}` };
}

/** The optional smoke request: no path means none; the status defaults to 200. */
export function parseSmoke(path: string, status: string): Parsed<Smoke | null> {
  if (path.trim() === '') return { ok: true, value: null };
  const expectStatus = status.trim() === '' ? 200 : Number(status.trim());
  const parsed = smokeSchema.safeParse({ path: path.trim(), expectStatus });
  if (parsed.success) return { ok: true, value: parsed.data };
  const issue = parsed.error.issues[0]!;
  return { ok: false, error: `${issue.path[0] === 'path' ? 'Smoke path' : 'Expected status'} ${issue.message}` };
}

/** The optional held step from the form: no command is none; the timeout in seconds (default 30). */
export function parseHeldStep(command: string, timeoutSeconds: string): Parsed<HeldStep | null> {
  if (command.trim() === '') return { ok: true, value: null };
  const seconds = timeoutSeconds.trim() === '' ? 30 : Number(timeoutSeconds.trim());
  const parsed = heldStepSchema.safeParse({ command, timeoutMs: Number.isFinite(seconds) ? Math.round(seconds * 1000) : NaN });
  if (parsed.success) return { ok: true, value: parsed.data };
  const issue = parsed.error.issues[0]!;
  if (issue.path[0] === 'command') return { ok: false, error: `Held step command ${issue.message}` };
  return { ok: false, error: `Held step timeout must be 1 to ${HELD_TIMEOUT_MAX_S} seconds` };
}
const HELD_TIMEOUT_MAX_S = (HOLD_TIMEOUT_MAX_MS - HELD_STEP_MARGIN_MS) / 1000;

/** A plan read back to a person: "5 % for 2 min → 25 % → 50 %, then wait for you → 100 %". */
export function describeRamp(plan: Pick<RampPlan, 'steps'>): string {
  return plan.steps
    .map((step) => `${step.weight} %${step.holdMs > 0 ? ` for ${formatHold(step.holdMs)}` : ''}${step.gate ? ', then wait for you' : ''}`)
    .join(' → ');
}

/** "2 min", "30 s", "1.5 s", "1 h". */
export function formatHold(ms: number): string {
  if (ms % 3_600_000 === 0) return `${ms / 3_600_000} h`;
  if (ms % 60_000 === 0) return `${ms / 60_000} min`;
  return `${ms / 1000} s`;
}
