import type { DrainSettings } from '../../../shared/domain/update-plan';
import { UsageError, type Values } from './common';

/**
 * The update drain's three times as flags, the same on `serve`, `profile create|edit` (stored
 * in the profile) and `update start` (this update only): docs/update-flow.md.
 */
export const DRAIN_FLAGS = {
  'session-window': { type: 'string' },
  grace: { type: 'string' },
  'drain-deadline': { type: 'string' },
} as const;

export const DRAIN_FLAGS_HELP = `  --session-window DURATION  update drains: sticky clients keep the draining side this long (default 10s)
  --grace DURATION       update drains: then WebSockets get 1001 Going Away and event streams end
                         cleanly (default 10s; never before the session window ends)
  --drain-deadline DURATION  update drains: requests still in flight then are cut (default 30s)`;

/** The drain times the flags set; absent flags are left out. */
export function drainFlags(values: Values): Partial<DrainSettings> {
  const read = (flag: keyof typeof DRAIN_FLAGS): number | undefined => {
    const text = values[flag] as string | undefined;
    return text === undefined ? undefined : duration(flag, text);
  };
  const sessionWindowMs = read('session-window');
  const graceMs = read('grace');
  const deadlineMs = read('drain-deadline');
  return {
    ...(sessionWindowMs !== undefined && { sessionWindowMs }),
    ...(graceMs !== undefined && { graceMs }),
    ...(deadlineMs !== undefined && { deadlineMs }),
  };
}

/** "30s", "2m", "1500ms" or plain milliseconds. */
export function duration(flag: string, text: string): number {
  const match = /^(\d+)(ms|s|m)?$/.exec(text.trim());
  if (!match) throw new UsageError(`--${flag} must be a duration like 30s, 2m or 1500ms, got "${text}"`);
  return Number(match[1]) * ({ ms: 1, s: 1000, m: 60_000 } as const)[(match[2] ?? 'ms') as 'ms' | 's' | 'm'];
}
