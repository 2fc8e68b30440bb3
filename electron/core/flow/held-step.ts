import type { HeldMeter } from '../../../shared/contract/flow';
import type { ChangeSource } from '../../../shared/contract/state';
import { HELD_STEP_MARGIN_MS } from '../../../shared/domain/update-plan';
import type { FlowEffect, FlowState, Observation, PauseObservation } from './plan';

/**
 * The held step ("hold traffic while the migration runs"), apart from the step machine so it
 * stays one module per kind of step. It goes holding → quiet → running:
 * - holding: the proxy is asked to hold every new request (a `hold` pause, stored like any
 *   pause, so a restart comes back holding rather than letting requests through);
 * - quiet: requests already in flight finish (event streams aside: they may never end);
 * - running: the command runs while nothing reaches an environment.
 * Exit 0 completes the step and the machine releases the hold after applying the next step's
 * ratio; anything else (a failure, the timeout, the hold lifted by hand, an abort, a restart)
 * ends the update at the safe ratio, and finish() releases the hold there. The functions
 * here only decide; machine.ts completes or finishes (so the two modules import one way).
 */

/** With proxy workers the hold travels by message: in-flight counts are trusted only once they have had time to show a request that slipped in. */
export const QUIET_SETTLE_MS = 100;

/** What the machine does next: nothing more, complete the step, or end the update. */
export type HeldOutcome = { kind: 'wait' } | { kind: 'done'; detail: string } | { kind: 'fail'; reason: string };

const WAIT: HeldOutcome = { kind: 'wait' };

export function enterHeld(state: FlowState, now: number, source: ChangeSource, effects: FlowEffect[]): void {
  const step = state.config.heldStep!;
  state.held = { phase: 'holding', since: now, appliedAt: null };
  state.deadline = now + step.timeoutMs;
  // The proxy's own timeout is longer: the flow releases (or aborts) before a held request is told 503.
  effects.push({ type: 'hold-traffic', timeoutMs: step.timeoutMs + HELD_STEP_MARGIN_MS, source });
  show(state, { phase: 'holding', requests: 0, inFlight: 0, since: now });
}

/** The hold is in force in the proxy, or could not be put in force. */
export function heldApplied(state: FlowState, now: number, error: string | undefined): HeldOutcome {
  const held = state.held;
  if (state.view.waitingFor?.kind !== 'held' || held?.phase !== 'holding') return WAIT;
  if (error) return { kind: 'fail', reason: `could not hold traffic: ${error}` };
  held.phase = 'quiet';
  held.appliedAt = now;
  show(state, { ...state.view.waitingFor.held!, phase: 'quiet' });
  return WAIT;
}

/** Time passing: the timeout, a hold lifted by hand, the end of the quiet wait (then the command starts). */
export function observeHeld(state: FlowState, now: number, seen: Record<string, Observation>, pause: PauseObservation | null | undefined, effects: FlowEffect[]): HeldOutcome {
  const held = state.held!;
  const step = state.config.heldStep!;
  if (state.deadline !== null && now >= state.deadline) {
    return { kind: 'fail', reason: `the held step did not finish within ${Math.round(step.timeoutMs / 1000)} s (${held.phase === 'running' ? `"${step.command}" still running` : 'requests still in flight'})` };
  }
  if (held.phase !== 'holding' && pause !== undefined && pause?.mode !== 'hold') {
    return { kind: 'fail', reason: `the hold was lifted (${pause ? `paused ${pause.mode}` : 'resumed'}) during the held step` };
  }
  const inFlight = Object.values(seen).reduce((sum, env) => sum + Math.max(0, env.inFlight - env.openStreams), 0);
  const meter: HeldMeter = { phase: held.phase, requests: pause?.mode === 'hold' ? pause.held : 0, inFlight, since: held.since };
  if (held.phase === 'quiet' && inFlight === 0 && now - held.appliedAt! >= QUIET_SETTLE_MS) {
    held.phase = 'running';
    meter.phase = 'running';
    effects.push({ type: 'run-command', env: HELD_COMMAND_ENV, command: step.command });
    state.view.command = { env: HELD_COMMAND_ENV, command: step.command, running: true, exitCode: null, output: [] };
  }
  show(state, meter);
  return WAIT;
}

/** The command ended: exit 0 completes the step; the machine then releases the hold. */
export function heldCommandDone(state: FlowState, code: number | null, error: string | undefined): HeldOutcome {
  const step = state.config.heldStep!;
  if (state.view.command) {
    state.view.command.running = false;
    state.view.command.exitCode = code;
  }
  const requests = state.view.waitingFor?.held?.requests ?? 0;
  if (code === 0) return { kind: 'done', detail: `"${step.command}" exited 0 with traffic held (${requests} requests waiting, released now)` };
  return { kind: 'fail', reason: `the held step's command "${step.command}" ${error ?? `exited with ${code}`}` };
}

/** The name the held step's command goes by in FlowView.command (it belongs to no environment). */
export const HELD_COMMAND_ENV = 'held step';

function show(state: FlowState, meter: HeldMeter): void {
  const command = state.config.heldStep!.command;
  const message =
    meter.phase === 'holding'
      ? 'holding traffic: putting the hold in place'
      : meter.phase === 'quiet'
        ? `holding ${meter.requests} requests; waiting for ${meter.inFlight} in flight to finish before "${command}"`
        : `holding ${meter.requests} requests while "${command}" runs`;
  state.view.waitingFor = { kind: 'held', env: null, message, until: state.deadline, held: meter };
}
