import { ContractError } from '../../../shared/contract/errors';
import type { MethodInput } from '../../../shared/contract/methods';
import type { ChangeSource, PauseView } from '../../../shared/contract/state';
import { HOLD_TIMEOUT_DEFAULT_MS, PAUSE_MESSAGE_DEFAULT, type PauseSettings } from '../../../shared/domain/pause';
import { ListenError } from '../net/listen';
import type { PauseRepository } from '../store/pause-repository';
import type { HistoryLog } from './history-log';
import type { LiveSlot } from './live-slot';

export interface PauseDeps {
  slot: LiveSlot;
  log: HistoryLog;
  stored: PauseRepository;
  /** The active profile's name, for the history entry. */
  profile: string;
  /** Pushes the new state to every view. */
  changed(): void;
}

/**
 * setPaused: pauses the embedded proxy in one of three modes (shared/domain/pause.ts), moves
 * from one mode to another, or resumes. The pause is stored with its history entry, so a
 * restart comes back paused the same way; asking for the pause already in force changes
 * nothing and records nothing.
 */
export async function setPaused(deps: PauseDeps, input: MethodInput<'setPaused'>, source: ChangeSource): Promise<void> {
  const { slot } = deps;
  if (!slot.current) throw new ContractError('UNAVAILABLE', 'the proxy is not running');
  const current = slot.pause;
  const next = input.paused ? pauseFrom(input, current) : null;
  if (samePause(current, next)) return;
  try {
    await slot.setPause(next);
  } catch (error) {
    if (error instanceof ListenError) throw new ContractError('CONFLICT', `cannot resume: ${error.message}; the proxy stays paused`);
    throw error;
  }
  deps.log.commit((record) => {
    deps.stored.set(next);
    record({ source, kind: 'profile', action: next ? 'pause' : 'resume', profile: deps.profile, before: historyView(current), after: historyView(next) });
  });
  deps.changed();
}

/** What views show of the pause in force: its settings and what a hold keeps waiting now. */
export function pauseView(slot: LiveSlot): PauseView | null {
  const pause = slot.pause;
  if (!pause) return null;
  const held = slot.current?.held ?? { count: 0, oldestSince: null };
  return { ...pause, held: held.count, oldestHeldSince: held.oldestSince === null ? null : new Date(held.oldestSince).toISOString() };
}

/** No mode is `close`, what setPaused always meant; a change of mode keeps nothing of the old one but its start when the mode is the same. */
function pauseFrom(input: MethodInput<'setPaused'>, current: PauseSettings | null): PauseSettings {
  const mode = input.mode ?? 'close';
  return {
    mode,
    timeoutMs: input.timeoutMs ?? HOLD_TIMEOUT_DEFAULT_MS,
    message: input.message ?? PAUSE_MESSAGE_DEFAULT,
    since: current?.mode === mode ? current.since : new Date().toISOString(),
  };
}

function samePause(a: PauseSettings | null, b: PauseSettings | null): boolean {
  if (a === null || b === null) return a === b;
  return a.mode === b.mode && (a.mode === 'close' || (a.timeoutMs === b.timeoutMs && a.message === b.message));
}

function historyView(pause: PauseSettings | null): Record<string, unknown> {
  if (!pause) return { paused: false };
  if (pause.mode === 'hold') return { paused: true, mode: 'hold', timeoutMs: pause.timeoutMs };
  if (pause.mode === 'stop') return { paused: true, mode: 'stop', message: pause.message };
  return { paused: true, mode: 'close' };
}

/** What the update flow's held step may do with the pause (flow/held-step.ts): look, hold, release. */
export interface FlowPause {
  view(): { mode: PauseSettings['mode']; held: number } | null;
  hold(timeoutMs: number, source: ChangeSource): Promise<void>;
  release(source: ChangeSource): Promise<void>;
}

/**
 * The held step's hold is an ordinary `hold` pause (stored, recorded, shown everywhere), taken
 * through the same queue as setPaused. It refuses a proxy someone already paused (ending that
 * pause when the step ends would undo their decision), and its release lifts only a hold: a
 * pause changed by hand meanwhile stays.
 */
export function flowPause(deps: () => PauseDeps, exclusive: (work: () => Promise<void>) => Promise<void>): FlowPause {
  return {
    view: () => {
      const pause = pauseView(deps().slot);
      return pause ? { mode: pause.mode, held: pause.held } : null;
    },
    hold: (timeoutMs, source) =>
      exclusive(async () => {
        const current = deps().slot.pause;
        if (current) throw new ContractError('CONFLICT', `the proxy is already paused (${current.mode}): resume it before the held step`);
        await setPaused(deps(), { paused: true, mode: 'hold', timeoutMs }, source);
      }),
    release: (source) =>
      exclusive(async () => {
        if (deps().slot.pause?.mode === 'hold') await setPaused(deps(), { paused: false }, source);
      }),
  };
}
