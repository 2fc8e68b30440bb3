import type { MetricsSample } from '../../../shared/contract/metrics';
import { guardSample, judge } from './guard';
import { finish, setRatio } from './machine-parts';
import type { FlowEffect, FlowState, Transition } from './plan';

/**
 * A ramp's guard in the step machine (machine.ts): each second's metrics are judged over the
 * guard's window while a ramp step holds or gates; a breach rolls back at once, or step by
 * step through the weights already passed, to the safe ratio.
 */

/** Ramp steps (holds and gates) are watched: a breach rolls back at once or step by step. */
export function guardStep(state: FlowState, now: number, sample: MetricsSample, effects: FlowEffect[]): Transition {
  const plan = state.config.plan;
  const active = state.view.steps[state.view.current];
  if (plan === 'blue-green' || active?.kind !== 'ramp' || state.view.waitingFor?.kind === 'rollback') return { state, effects };
  state.guardWindow = [...state.guardWindow, guardSample(sample, state.config.first)].slice(-plan.guard.windowSeconds);
  state.view.guard = judge(state.guardWindow, plan.guard);
  const breach = state.view.guard.breach;
  if (!breach) return { state, effects };
  const reason = `guard: ${state.config.first} ${breach}`;
  active.state = 'failed';
  effects.push({ type: 'record', source: 'auto', action: 'guard breach', before: state.weights, after: { reason, guard: state.view.guard } });
  if (plan.rollback === 'at-once') return finish(state, now, effects, 'rolled-back', 'auto', reason);
  // Gradual: back down through the weights already passed, then to the safe ratio.
  const passed = state.view.steps.slice(0, state.view.current).filter((s) => s.kind === 'ramp').map((s) => s.weights!).reverse();
  state.rollbackQueue = [...passed, state.view.safeWeights];
  state.view.reason = reason;
  state.view.waitingFor = { kind: 'rollback', env: state.config.first, message: `rolling back: ${reason}`, until: null };
  effects.push({ type: 'notice', notice: { at: now, level: 'warning', message: `Rolling back ${state.config.first} step by step: ${breach}` } });
  return rollbackStep(state, now, effects);
}

/** One step back in a gradual rollback; the last one lands on the safe ratio and ends the flow. */
export function rollbackStep(state: FlowState, now: number, effects: FlowEffect[]): Transition {
  const [weights, ...rest] = state.rollbackQueue;
  setRatio(state, weights!, 'auto', 'update rollback step', effects);
  state.rollbackQueue = rest;
  if (rest.length === 0) return finish(state, now, effects, 'rolled-back', 'auto', state.view.reason ?? 'rolled back');
  state.deadline = now + (state.config.plan === 'blue-green' ? 0 : state.config.plan.rollbackStepMs);
  state.view.waitingFor = { ...state.view.waitingFor!, until: state.deadline };
  return { state, effects };
}
