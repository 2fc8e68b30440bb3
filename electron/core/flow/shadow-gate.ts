import type { ShadowStatus } from '../../../shared/contract/shadow';
import type { FlowEffect, FlowState } from './plan';

export type ShadowGateOutcome = { kind: 'wait' } | { kind: 'pass'; detail: string } | { kind: 'fail'; reason: string };

/**
 * The shadow gate after verify: live requests are copied to the updated environment (at weight
 * 0, so no client sees it) and compared (inspect/shadow.ts). Returns false when the flow has no
 * gate or this is not the first environment's verify. The machine (machine.ts) acts on the
 * outcomes, as it does for the held step.
 */
export function enterShadowGate(state: FlowState, now: number, effects: FlowEffect[]): boolean {
  const gate = state.config.shadowGate;
  const env = state.view.waitingFor?.env ?? state.config.first;
  // The gate guards the swap: only the first environment's verify has one. The others are
  // verified after the swap, when the first one already takes all the traffic.
  if (!gate || env !== state.config.first) return false;
  effects.push({ type: 'shadow-start', env, percent: gate.percent });
  state.deadline = now + gate.timeoutMs;
  state.view.waitingFor = { kind: 'shadow', env, message: `${env}: shadow gate, 0 of ${gate.requests} requests compared`, until: state.deadline };
  return true;
}

/**
 * Judged once `requests` pairs are compared, over every route: the mismatch rate, and the
 * updated side's p99 as the slowest route's (at least the true p99: the gate errs on the safe side).
 */
export function judgeShadowGate(state: FlowState, now: number, status: ShadowStatus | null, error: string | undefined, effects: FlowEffect[]): ShadowGateOutcome {
  const gate = state.config.shadowGate!;
  const env = state.view.waitingFor!.env!;
  if (!status) return { kind: 'fail', reason: `shadow gate: could not shadow to ${env}: ${error ?? 'unknown'}` };
  if (status.environment !== env) {
    // Someone started a shadow to another environment by hand: its pairs say nothing about
    // this one. The gate takes the shadow back and counts afresh.
    effects.push({ type: 'shadow-start', env, percent: gate.percent });
    state.view.waitingFor = { ...state.view.waitingFor!, message: `${env}: shadow gate, 0 of ${gate.requests} requests compared (restarted: the shadow was pointed at ${status.environment ?? 'nothing'})` };
    return { kind: 'wait' };
  }
  if (status.compared < gate.requests) {
    // Not running (Turnout restarted during the gate, or someone stopped it): start it again.
    if (!status.active) effects.push({ type: 'shadow-start', env, percent: gate.percent });
    const differ = status.routes.reduce((sum, route) => sum + route.mismatches, 0);
    state.view.waitingFor = { ...state.view.waitingFor!, message: `${env}: shadow gate, ${status.compared} of ${gate.requests} requests compared, ${differ} differ so far` };
    return { kind: 'wait' };
  }
  effects.push({ type: 'shadow-stop' });
  const mismatches = status.routes.reduce((sum, route) => sum + route.mismatches, 0);
  const rate = status.compared === 0 ? 0 : mismatches / status.compared;
  const p99 = Math.max(0, ...status.routes.map((route) => route.p99Ms.shadow ?? 0));
  const summary = `${mismatches} of ${status.compared} differ (${(rate * 100).toFixed(1)} %), p99 ${p99.toFixed(1)} ms`;
  if (rate > gate.maxMismatchRate) return { kind: 'fail', reason: `shadow gate: ${summary}; at most ${(gate.maxMismatchRate * 100).toFixed(1)} % may differ` };
  if (gate.maxP99Ms !== null && p99 > gate.maxP99Ms) return { kind: 'fail', reason: `shadow gate: ${summary}; p99 may be at most ${gate.maxP99Ms} ms` };
  // A pass is news too (a failure's notice comes with the flow's end): the person watching learns why it went on.
  effects.push({ type: 'notice', notice: { at: now, level: 'info', message: `Shadow gate passed for ${env}: ${summary}` } });
  return { kind: 'pass', detail: `shadow gate passed: ${summary}` };
}
