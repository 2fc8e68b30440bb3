import type { ProfileInput } from '../../../shared/domain/profile';
import type { InspectSettings } from '../../../shared/domain/inspect-settings';
import { UsageError, type Values } from './common';

/** The request inspector's settings as flags of `profile create|edit` (docs/inspect.md). */
export const INSPECT_FLAGS = {
  record: { type: 'string' },
  'record-capacity': { type: 'string' },
  redact: { type: 'string' },
  'keep-bodies': { type: 'string' },
  'access-log': { type: 'string' },
} as const;

export const INSPECT_FLAGS_HELP = `  --record on|off        record every proxied request (turnout requests; default on)
  --record-capacity N    records kept, 100 to 1000000 (default 10000)
  --redact on|off        show Authorization, Cookie, Set-Cookie, Proxy-Authorization as [redacted] (default on)
  --keep-bodies on|off|BYTES  keep request and response bodies, up to BYTES each (on: 16384; default off)
  --access-log FILE|none append every record to FILE as JSON lines (rotated at 10 MiB)`;

/** The inspect settings the flags set; absent flags are left out. */
export function inspectFlags(values: Values): Partial<InspectSettings> {
  const text = (flag: keyof typeof INSPECT_FLAGS): string | undefined => values[flag] as string | undefined;
  const out: Partial<InspectSettings> = {};
  if (text('record') !== undefined) out.enabled = onOff('record', text('record')!);
  if (text('redact') !== undefined) out.redact = onOff('redact', text('redact')!);
  const capacity = text('record-capacity');
  if (capacity !== undefined) {
    if (!/^\d+$/.test(capacity)) throw new UsageError(`--record-capacity must be a whole number, got "${capacity}"`);
    out.capacity = Number(capacity);
  }
  const bodies = text('keep-bodies');
  if (bodies !== undefined) {
    if (/^\d+$/.test(bodies)) Object.assign(out, { bodies: true, bodyLimitBytes: Number(bodies) });
    else out.bodies = onOff('keep-bodies', bodies);
  }
  const log = text('access-log');
  if (log !== undefined) out.accessLog = log === 'none' ? null : log;
  return out;
}

/** The profile with the flags' inspect settings merged in (the profile schema validates the values). */
export function applyInspectFlags(profile: ProfileInput, settings: Partial<InspectSettings>): ProfileInput {
  if (Object.keys(settings).length === 0) return profile;
  const proxy = profile.proxy ?? {};
  return { ...profile, proxy: { ...proxy, inspect: { ...(proxy.inspect ?? {}), ...settings } } };
}

function onOff(flag: string, text: string): boolean {
  if (text !== 'on' && text !== 'off') throw new UsageError(`--${flag} must be on or off, got "${text}"`);
  return text === 'on';
}
