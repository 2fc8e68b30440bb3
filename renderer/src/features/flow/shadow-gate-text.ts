import { checkShadowGate } from '../../../../shared/domain/shadow-gate-check';
import type { ShadowGate } from '../../../../shared/domain/update-plan';
import type { Parsed } from './ramp-text';

/** The Start form's shadow gate fields as typed: percentages and seconds, as people think of them. */
export interface ShadowGateText {
  on: boolean;
  requests: string;
  maxMismatchPercent: string;
  /** Empty: no p99 limit. */
  maxP99Ms: string;
  percent: string;
  timeoutSeconds: string;
}

export const SHADOW_GATE_DEFAULT_TEXT: ShadowGateText = { on: false, requests: '200', maxMismatchPercent: '0', maxP99Ms: '', percent: '100', timeoutSeconds: '300' };

/** Each schema field's name in the form, so an error names the box to fix. */
const LABEL: Record<keyof ShadowGate, string> = {
  requests: 'Requests to compare',
  maxMismatchRate: 'Max mismatch',
  maxP99Ms: 'Max p99',
  percent: 'Share copied',
  timeoutMs: 'Gate timeout',
};

/**
 * The gate from the form, checked by the shared schema exactly as the server will (the limits
 * live there only): off is none; the mismatch limit is typed in % and the timeout in seconds.
 * An error is one sentence naming the field, with the schema's bound in the field's own unit.
 */
export function parseShadowGate(text: ShadowGateText): Parsed<ShadowGate | null> {
  if (!text.on) return { ok: true, value: null };
  const number = (value: string): number => (value.trim() === '' ? NaN : Number(value.trim()));
  const checked = checkShadowGate({
    requests: number(text.requests),
    maxMismatchRate: number(text.maxMismatchPercent) / 100,
    maxP99Ms: text.maxP99Ms.trim() === '' ? null : number(text.maxP99Ms),
    percent: number(text.percent),
    timeoutMs: Math.round(number(text.timeoutSeconds) * 1000),
  });
  return checked.ok ? checked : { ok: false, error: `${LABEL[checked.field]} ${checked.message}` };
}

/** The gate read back: "compare 200 requests; go on if at most 1 % differ and p99 ≤ 250 ms". */
export function describeShadowGate(gate: ShadowGate, env: string): string {
  const p99 = gate.maxP99Ms === null ? '' : ` and ${env}'s p99 is at most ${gate.maxP99Ms} ms`;
  return `Copies ${gate.percent} % of live GET/HEAD requests to ${env} (still at 0) and compares ${gate.requests} answers; goes on if at most ${Number((gate.maxMismatchRate * 100).toFixed(4))} % differ${p99}, else fails to the safe ratio.`;
}
