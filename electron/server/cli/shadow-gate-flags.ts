import type { MethodArgs } from '../../../shared/contract/methods';
import { checkShadowGate } from '../../../shared/domain/shadow-gate-check';
import type { ShadowGate } from '../../../shared/domain/update-plan';
import { UsageError } from './common';
import { duration } from './drain-flags';

/** `turnout update start` flags for the shadow gate (docs/shadow.md), checked by the shared schema before anything is sent. */
export const SHADOW_GATE_FLAGS = {
  shadow: { type: 'string' },
  'shadow-percent': { type: 'string' },
  'shadow-max-mismatch': { type: 'string' },
  'shadow-max-p99': { type: 'string' },
  'shadow-timeout': { type: 'string' },
} as const;

export const SHADOW_GATE_HELP = `  --shadow N            after verify, shadow live GET/HEAD requests to ENV (still at 0) and go on only
                        once N pairs are compared within the limits below; else fail to the safe ratio
  --shadow-percent P    the share of requests copied (default 100)
  --shadow-max-mismatch PCT  the share of pairs that may differ, in % (default 0)
  --shadow-max-p99 MS   ENV's p99 limit on the copies (default none)
  --shadow-timeout DURATION  how long the gate waits for N pairs (default 5m)`;

type Values = Record<string, unknown>;

export function shadowGateFlags(values: Values): Pick<MethodArgs<'updateStart'>, 'shadowGate'> {
  const number = (flag: string): number | undefined => {
    const text = values[flag] as string | undefined;
    if (text === undefined) return undefined;
    if (!/^\d+(\.\d+)?$/.test(text)) throw new UsageError(`--${flag} must be a number, got "${text}"`);
    return Number(text);
  };
  const requests = number('shadow');
  const rest = ['shadow-percent', 'shadow-max-mismatch', 'shadow-max-p99', 'shadow-timeout'].filter((flag) => values[flag] !== undefined);
  if (requests === undefined) {
    if (rest.length > 0) throw new UsageError(`--${rest[0]} needs --shadow N`);
    return {};
  }
  const percent = number('shadow-percent');
  const mismatch = number('shadow-max-mismatch');
  const p99 = number('shadow-max-p99');
  const shadowGate = {
    requests,
    ...(percent !== undefined ? { percent } : {}),
    ...(mismatch !== undefined ? { maxMismatchRate: mismatch / 100 } : {}),
    ...(p99 !== undefined ? { maxP99Ms: p99 } : {}),
    ...(values['shadow-timeout'] !== undefined ? { timeoutMs: duration('shadow-timeout', values['shadow-timeout'] as string) } : {}),
  };
  // The shared schema's limits, said with the flag and the unit it was typed in (not the API's rate and ms).
  const checked = checkShadowGate(shadowGate);
  if (!checked.ok) throw new UsageError(`${FLAG[checked.field]} ${checked.message}`);
  return { shadowGate };
}

const FLAG: Record<keyof ShadowGate, string> = {
  requests: '--shadow',
  percent: '--shadow-percent',
  maxMismatchRate: '--shadow-max-mismatch',
  maxP99Ms: '--shadow-max-p99',
  timeoutMs: '--shadow-timeout',
};
