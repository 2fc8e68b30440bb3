import type { FlowView, FlowWait } from '../../../shared/contract/flow';
import type { ChangeSource } from '../../../shared/contract/state';
import type { Weights } from '../../../shared/domain/ratio';
import { drainSchedule } from '../../../shared/domain/update-plan';
import { dueDrainSteps, finishNow } from './drain-clock';
import { drainMessage, drainMeter } from './drain-meter';
import { copy, finish, handRatio, runCommand, setRatio } from './machine-parts';
import { guardStep, rollbackStep } from './ramp-guard';
import { enterHeld, heldApplied, heldCommandDone, observeHeld, type HeldOutcome } from './held-step';
import { enterShadowGate, judgeShadowGate } from './shadow-gate';
import { planSteps, type FlowConfig, type FlowEffect, type FlowEvent, type FlowState, type Observation, type PauseObservation, type Transition } from './plan';

/**
 * The update flow as a pure step machine: (state, event) → (state, effects). It never
 * touches a clock, a socket or the store; the runner feeds it time and observations and
 * carries out the effects. Every transition copies the state, so old states stay valid.
 */

const OUTPUT_LINES = 50;

export function startFlow(config: FlowConfig, now: number, weights: Weights, restore: Weights, source: ChangeSource): Transition {
  const view: FlowView = {
    id: now,
    plan: config.plan === 'blue-green' ? 'blue-green' : 'ramp',
    first: config.first,
    status: 'running',
    steps: planSteps(config, weights, restore),
    current: 0,
    waitingFor: null,
    restoreWeights: restore,
    safeWeights: weights,
    command: null,
    guard: null,
    startedAt: now,
    finishedAt: null,
    reason: null,
  };
  const state: FlowState = { config, view, weights, deadline: null, goodProbes: 0, probeSeen: now, guardWindow: [], rollbackQueue: [], drain: null };
  const effects: FlowEffect[] = [
    { type: 'set-restore', weights: restore },
    { type: 'record', source, action: `start ${view.plan}, ${config.first} first`, before: weights, after: { restore, steps: view.steps.map((step) => step.label) } },
  ];
  return enter(state, 0, now, source, effects);
}

export function step(previous: FlowState, event: FlowEvent): Transition {
  const state = copy(previous);
  const effects: FlowEffect[] = [];
  if (state.view.status !== 'running') return { state, effects, error: 'no update is running' };
  const wait = state.view.waitingFor;
  switch (event.type) {
    case 'abort':
      return finish(state, event.now, effects, 'aborted', event.source, event.reason ?? `aborted by ${event.source}`);
    case 'ratio-seen':
      return handRatio(state, event.now, event.weights);
    case 'next': {
      if (wait?.kind === 'user' || wait?.kind === 'gate') return complete(state, event.now, event.source, effects);
      if (wait?.kind === 'drained') return finishDrainNow(state, event.now, event.source, effects);
      if (wait?.kind === 'confirm-command') {
        const env = wait.env!;
        if (event.manual) return complete(state, event.now, event.source, effects, `${env} updated by hand`);
        effects.push({ type: 'confirm-command', env, source: event.source });
        return runCommand(state, env, effects);
      }
      return { state, effects, error: `nothing to confirm: the update is waiting for ${wait ? wait.message : 'nothing'}` };
    }
    case 'command-output':
      if (state.view.command) state.view.command.output = [...state.view.command.output, event.line].slice(-OUTPUT_LINES);
      return { state, effects };
    case 'hold-applied':
      return heldNext(state, event.now, heldApplied(state, event.now, event.error), effects);
    case 'command-done': {
      if (wait?.kind === 'held' && state.held?.phase === 'running') return heldNext(state, event.now, heldCommandDone(state, event.code, event.error), effects);
      if (wait?.kind !== 'command' || !state.view.command) return { state, effects };
      state.view.command.running = false;
      state.view.command.exitCode = event.code;
      if (event.code === 0) return complete(state, event.now, 'auto', effects, `command for ${wait.env} exited 0`);
      return finish(state, event.now, effects, 'failed', 'auto', `the update command for ${wait.env} ${event.error ?? `exited with ${event.code}`}`);
    }
    case 'smoke-done':
      if (wait?.kind !== 'smoke') return { state, effects };
      if (event.ok) return verified(state, event.now, effects, event.detail);
      return finish(state, event.now, effects, 'failed', 'auto', `smoke request to ${wait.env} failed: ${event.detail}`);
    case 'shadow-progress': {
      if (wait?.kind !== 'shadow') return { state, effects };
      const outcome = judgeShadowGate(state, event.now, event.status, event.error, effects);
      if (outcome.kind === 'wait') return { state, effects };
      return outcome.kind === 'pass' ? complete(state, event.now, 'auto', effects, outcome.detail) : finish(state, event.now, effects, 'failed', 'auto', outcome.reason);
    }
    case 'metrics':
      return guardStep(state, event.now, event.sample, effects);
    case 'observe':
      return observe(state, event.now, event.environments, effects, event.pause);
  }
}

/** Acts on what the held step decided (held-step.ts): its hold is released after the next step's ratio is set. */
function heldNext(state: FlowState, now: number, outcome: HeldOutcome, effects: FlowEffect[]): Transition {
  if (outcome.kind === 'wait') return { state, effects };
  if (outcome.kind === 'fail') return finish(state, now, effects, 'failed', 'auto', outcome.reason);
  state.held = null;
  const next = complete(state, now, 'auto', effects, outcome.detail);
  next.effects.push({ type: 'release-traffic', source: 'auto' });
  return next;
}

/** Time passing and live status: drains, grace periods, health, holds, rollback steps. */
function observe(state: FlowState, now: number, seen: Record<string, Observation>, effects: FlowEffect[], pause?: PauseObservation | null): Transition {
  const wait = state.view.waitingFor!;
  const gone = state.config.environments.find((env) => !seen[env.name]);
  if (gone) return finish(state, now, effects, 'failed', 'auto', `environment "${gone.name}" is gone (the profile changed)`);
  const due = state.deadline !== null && now >= state.deadline;
  const env = wait.env === null ? undefined : seen[wait.env];
  switch (wait.kind) {
    case 'drained':
      return drainStep(state, now, wait.env!, env!, effects);
    case 'health': {
      const probe = env!.lastProbe;
      if (probe && probe.at > state.probeSeen) {
        state.probeSeen = probe.at;
        state.goodProbes = probe.ok ? state.goodProbes + 1 : 0;
      }
      const rise = state.config.environments.find((e) => e.name === wait.env)!.rise;
      if (env!.health === 'up' && state.goodProbes >= rise) return afterHealth(state, now, effects);
      if (due) return finish(state, now, effects, 'failed', 'auto', `${wait.env} did not pass verify in time (health ${env!.health}, ${state.goodProbes} of ${rise} good probes)`);
      state.view.waitingFor = { ...wait, message: `${wait.env}: health ${env!.health}, ${state.goodProbes} of ${rise} good probes since the update` };
      return { state, effects };
    }
    case 'smoke':
    case 'shadow':
      if (due) return finish(state, now, effects, 'failed', 'auto', wait.kind === 'smoke' ? `smoke request to ${wait.env} did not answer in time` : `shadow gate: not enough requests compared in time (${wait.message})`);
      return { state, effects };
    case 'hold':
      if (!due) return { state, effects };
      if (state.view.steps[state.view.current]!.gate) {
        state.deadline = null;
        state.view.waitingFor = { kind: 'gate', env: wait.env, message: `gate: confirm to go on from ${state.weights[wait.env!]} %`, until: null };
        return { state, effects };
      }
      return complete(state, now, 'auto', effects);
    case 'rollback':
      return due ? rollbackStep(state, now, effects) : { state, effects };
    case 'held':
      return heldNext(state, now, observeHeld(state, now, seen, pause, effects), effects);
    default:
      return { state, effects };
  }
}

/** An update drain, observed (drain-clock.ts): done once the data plane says drained. */
function drainStep(state: FlowState, now: number, env: string, seen: Observation, effects: FlowEffect[]): Transition {
  if (seen.drained) {
    effects.push({ type: 'update-drain', env, step: 'release' });
    state.drain = null;
    return complete(state, now, 'auto', effects, `${env} drained: nothing in flight, no WebSocket or stream open${state.config.sticky ? ', sticky clients moved' : ''}`);
  }
  for (const step of dueDrainSteps(state.drain!, now)) effects.push({ type: 'update-drain', env, step });
  const meter = drainMeter(state.drain!, seen, state.config.sticky);
  state.view.waitingFor = { kind: 'drained', env, message: drainMessage(env, meter, now), until: state.drain!.cutAt, drain: meter };
  return { state, effects };
}

/** "Finish now" on a running drain (drain-clock.ts). */
function finishDrainNow(state: FlowState, now: number, source: ChangeSource, effects: FlowEffect[]): Transition {
  state.deadline = finishNow(state.drain!, now);
  effects.push({ type: 'record', source, action: `finish drain ${state.view.waitingFor!.env} now`, before: null, after: state.view.waitingFor!.message });
  return { state, effects };
}

function afterHealth(state: FlowState, now: number, effects: FlowEffect[]): Transition {
  const env = state.view.waitingFor!.env!;
  const smoke = state.config.smoke;
  if (!smoke) return verified(state, now, effects, `${env} healthy`);
  effects.push({ type: 'smoke', env, path: smoke.path, expectStatus: smoke.expectStatus });
  state.view.waitingFor = { kind: 'smoke', env, message: `${env}: smoke request GET ${smoke.path}, expecting ${smoke.expectStatus}`, until: state.deadline };
  return { state, effects };
}

/** Verify passed: on to the shadow gate if there is one (shadow-gate.ts), else the next step. */
function verified(state: FlowState, now: number, effects: FlowEffect[], detail: string): Transition {
  return enterShadowGate(state, now, effects) ? { state, effects } : complete(state, now, 'auto', effects, detail);
}

/** The active step is done: record it and enter the next one. */
function complete(state: FlowState, now: number, source: ChangeSource, effects: FlowEffect[], detail?: string): Transition {
  const done = state.view.steps[state.view.current]!;
  done.state = 'done';
  effects.push({ type: 'record', source, action: `${done.kind}${done.env ? ` ${done.env}` : ''}${done.kind === 'ramp' ? ` ${state.weights[done.env!]} %` : ''}`, before: null, after: detail ?? done.label });
  // Past the swap or the ramp's last step, the new side taking everything is the safe place.
  if (done.kind === 'swap' || (done.kind === 'ramp' && state.view.steps[state.view.current + 1]?.kind !== 'ramp')) state.view.safeWeights = state.weights;
  return enter(state, state.view.current + 1, now, source, effects);
}

function enter(state: FlowState, index: number, now: number, source: ChangeSource, effects: FlowEffect[]): Transition {
  const next = state.view.steps[index]!;
  state.view.current = index;
  next.state = 'active';
  state.deadline = null;
  if (next.weights) setRatio(state, next.weights, source, `update: ${next.label.toLowerCase()}`, effects);
  const env = next.env;
  const waitFor = (kind: FlowWait['kind'], message: string, deadline: number | null = null): Transition => {
    state.deadline = deadline;
    state.view.waitingFor = { kind, env, message, until: deadline };
    return { state, effects };
  };
  switch (next.kind) {
    case 'drain': {
      effects.push({ type: 'update-drain', env: env!, step: 'begin' });
      const clock = { ...drainSchedule(state.config.drain, now), sessionsClosed: false, connectionsEnded: false, cut: false };
      state.drain = clock;
      const meter = drainMeter(clock, null, state.config.sticky);
      waitFor('drained', drainMessage(env!, meter, now), clock.cutAt);
      state.view.waitingFor!.drain = meter;
      return { state, effects };
    }
    case 'update': {
      // From here on this environment may be broken: an abort must keep it at 0.
      state.view.safeWeights = state.weights;
      const command = state.config.environments.find((e) => e.name === env)!.command;
      if (!command) return waitFor('user', `${env} is drained and safe to update: update it, then confirm`);
      if (!command.confirmed) return waitFor('confirm-command', `${env}: run "${command.command}"? It came with an import: confirm once to run it, or update by hand`);
      return runCommand(state, env!, effects);
    }
    case 'verify': {
      state.goodProbes = 0;
      state.probeSeen = now;
      effects.push({ type: 'update-drain', env: env!, step: 'updated' });
      const healthOn = state.config.environments.find((e) => e.name === env)!.healthEnabled;
      waitFor('health', `${env}: waiting for good health probes`, now + state.config.verifyTimeoutMs);
      return healthOn ? { state, effects } : afterHealth(state, now, effects);
    }
    case 'held':
      enterHeld(state, now, source, effects);
      return { state, effects };
    case 'swap':
      return complete(state, now, source, effects);
    case 'ramp':
      state.guardWindow = [];
      return waitFor('hold', `${env} at ${next.weights![env!]} %, guard watching`, now + next.holdMs);
    case 'restore':
      next.state = 'done';
      effects.push({ type: 'record', source, action: 'restore', before: null, after: next.weights });
      effects.push({ type: 'set-restore', weights: null });
      return finish(state, now, effects, 'done', source, null);
  }
}
