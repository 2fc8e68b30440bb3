import type { UpdateDrainStep } from '../data-plane';
import type { DrainClock } from './plan';

/** "Finish now" during a drain: requests still in flight get at most this much longer. */
export const FINISH_NOW_MS = 5000;

/**
 * The drain's steps whose time has come, in order (sticky sessions, then WebSockets and
 * streams, then the cut), each once: the clock remembers what was taken.
 */
export function dueDrainSteps(clock: DrainClock, now: number): UpdateDrainStep[] {
  const due: UpdateDrainStep[] = [];
  if (!clock.sessionsClosed && now >= clock.sessionsAt) {
    clock.sessionsClosed = true;
    due.push('close-sessions');
  }
  if (!clock.connectionsEnded && now >= clock.connectionsAt) {
    clock.connectionsEnded = true;
    due.push('end-connections');
  }
  if (!clock.cut && now >= clock.cutAt) {
    clock.cut = true;
    due.push('cut');
  }
  return due;
}

/** Moves every scheduled end to now (requests in flight get FINISH_NOW_MS); returns the new deadline. */
export function finishNow(clock: DrainClock, now: number): number {
  clock.sessionsAt = Math.min(clock.sessionsAt, now);
  clock.connectionsAt = Math.min(clock.connectionsAt, now);
  // Past the deadline already: whatever arrived since is cut too.
  clock.cut = false;
  clock.cutAt = Math.min(clock.cutAt, now + FINISH_NOW_MS);
  return clock.cutAt;
}
