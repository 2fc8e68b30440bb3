import type { ChangeSource } from '../../../shared/contract/state';
import { formatRatio, sameWeights, type Weights } from '../../../shared/domain/ratio';
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
