import { copy, finish } from './machine-parts';
import type { FlowEffect, FlowState, Transition } from './plan';

/**
 * A running flow read back after Turnout restarted (a crash, kill -9, the other app on the
 * same database): it goes on where it was. What lived only in the old process is redone or
 * given up: a drain's steps are taken again on the new data plane; a verify counts good
 * probes afresh; a smoke request is sent again; a shadow gate counts afresh; a ramp's guard starts a fresh window; an
 * update command died with the old process, so that step fails (to the safe ratio); so does
 * the held step (its command may have half run): the hold, stored as a pause, came back
 * with the restart and is released at the safe ratio, so no held request is dropped or left waiting.
 */
export function resumeFlow(stored: FlowState, now: number): Transition {
  const state = copy(stored);
  const effects: FlowEffect[] = [];
  const wait = state.view.waitingFor;
  const env = wait?.env ?? null;
  effects.push({ type: 'record', source: 'auto', action: 'resumed after a restart', before: null, after: wait?.message ?? null });
  effects.push({ type: 'notice', notice: { at: now, level: 'info', message: `The update was resumed after Turnout restarted: ${wait?.message ?? 'going on'}` } });
  state.guardWindow = [];
  state.view.guard = null;
  switch (wait?.kind) {
    case 'command':
      return finish(state, now, effects, 'failed', 'auto', `the update command for ${env} was interrupted by a restart of Turnout`);
    case 'held':
      // The old process's command is gone: nothing to cancel, only the hold to release.
      if (state.held) state.held.phase = 'quiet';
      return finish(state, now, effects, 'failed', 'auto', `the held step ("${state.config.heldStep?.command}") was interrupted by a restart of Turnout`);
    case 'drained': {
      effects.push({ type: 'update-drain', env: env!, step: 'begin' });
      if (state.drain?.sessionsClosed) effects.push({ type: 'update-drain', env: env!, step: 'close-sessions' });
      if (state.drain?.connectionsEnded) effects.push({ type: 'update-drain', env: env!, step: 'end-connections' });
      break;
    }
    case 'health':
      effects.push({ type: 'update-drain', env: env!, step: 'updated' });
      state.goodProbes = 0;
      state.probeSeen = now;
      break;
    case 'smoke': {
      const smoke = state.config.smoke!;
      effects.push({ type: 'smoke', env: env!, path: smoke.path, expectStatus: smoke.expectStatus });
      break;
    }
    case 'shadow':
      // The shadow's results lived in the old process: the gate counts afresh on the new data plane.
      effects.push({ type: 'shadow-start', env: env!, percent: state.config.shadowGate!.percent });
      break;
    default:
      break;
  }
  return { state, effects };
}
