import type { ChangeSource } from '../../../shared/contract/state';
import { formatRatio, sameWeights, type Weights } from '../../../shared/domain/ratio';
import type { FlowStatus } from '../../../shared/contract/flow';
import type { FlowEffect, FlowState, Transition } from './plan';

/** Small state changes the step machine (machine.ts) makes in more than one place, kept here so it stays one screenful of rules. */

/** Applies a ratio through an effect, unless the flow already stands there. */
export function setRatio(state: FlowState, weights: Weights, source: ChangeSource, action: string, effects: FlowEffect[]): void {
  if (sameWeights(state.weights, weights)) return;
  effects.push({ type: 'set-ratio', weights, source, action });
  state.weights = weights;
}

/**
 * A ratio set by hand during the update: recorded, and from here the flow compares with it
 * (so an abort or the next step still lands where it should).
 */
export function handRatio(state: FlowState, now: number, weights: Weights): Transition {
  const names = Object.keys(weights);
  const effects: FlowEffect[] = [
    { type: 'record', source: 'auto', action: 'ratio set by hand during the update', before: state.weights, after: weights },
    { type: 'notice', notice: { at: now, level: 'warning', message: `The ratio was set by hand to ${formatRatio(weights, names)} during the update; an abort still returns to ${formatRatio(state.view.safeWeights, names)}` } },
  ];
  state.weights = weights;
  return { state, effects };
}

/** Starts an environment's update command. */
export function runCommand(state: FlowState, env: string, effects: FlowEffect[]): Transition {
  const { command } = state.config.environments.find((e) => e.name === env)!.command!;
  effects.push({ type: 'run-command', env, command });
  state.view.command = { env, command, running: true, exitCode: null, output: [] };
  state.view.waitingFor = { kind: 'command', env, message: `${env}: running "${command}"`, until: null };
  return { state, effects };
}

/** Ends the flow. Anything but done goes back to the last safe ratio. */
export function finish(state: FlowState, now: number, effects: FlowEffect[], status: FlowStatus, source: ChangeSource, reason: string | null): Transition {
  const { view } = state;
  if (view.waitingFor?.kind === 'command' || state.held?.phase === 'running') effects.push({ type: 'cancel-command' });
  if (view.waitingFor?.kind === 'shadow') effects.push({ type: 'shadow-stop' });
  if (status !== 'done') {
    const active = view.steps[view.current];
    if (active && active.state === 'active') active.state = 'failed';
    setRatio(state, view.safeWeights, source, `update ${status}`, effects);
    // Held requests go where the safe ratio sends them: released after it is set, never dropped.
    // A hold still being put in place is released by the runner once it lands (runner.ts).
    if (state.held && state.held.phase !== 'holding') effects.push({ type: 'release-traffic', source });
    state.held = null;
    // Nothing was updated yet: the ratio is the original again, nothing is left to restore.
    if (view.steps.slice(0, view.current + 1).every((s) => s.kind === 'drain')) effects.push({ type: 'set-restore', weights: null });
  }
  view.status = status;
  view.reason = reason;
  view.waitingFor = null;
  view.current = -1;
  view.finishedAt = now;
  state.deadline = null;
  effects.push({ type: 'record', source, action: status === 'done' ? 'done' : status, before: null, after: reason ?? 'original ratio restored' });
  const level = status === 'done' ? 'info' : status === 'aborted' ? 'info' : status === 'rolled-back' ? 'warning' : 'error';
  effects.push({ type: 'notice', notice: { at: now, level, message: status === 'done' ? `Update finished: ${view.first} first, ratio restored` : `Update ${status}: ${reason}` } });
  return { state, effects };
}

export function copy(state: FlowState): FlowState {
  return structuredClone(state);
}
