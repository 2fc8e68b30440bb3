import { describe, expect, it } from 'vitest';
import { UsageError } from '../../electron/server/cli/common';
import { shadowGateFlags } from '../../electron/server/cli/shadow-gate-flags';

const error = (values: Record<string, string>): string => {
  try {
    shadowGateFlags(values);
  } catch (caught) {
    expect(caught).toBeInstanceOf(UsageError);
    return (caught as Error).message;
  }
  throw new Error('no error');
};

describe('update start --shadow flags, checked by the shared schema before anything is sent', () => {
  it('reads % and durations into the API\'s rate and milliseconds; leaves the rest to the defaults', () => {
    expect(shadowGateFlags({})).toEqual({});
    expect(shadowGateFlags({ shadow: '200' })).toEqual({ shadowGate: { requests: 200 } });
    expect(shadowGateFlags({ shadow: '50', 'shadow-max-mismatch': '1.5', 'shadow-max-p99': '250', 'shadow-percent': '20', 'shadow-timeout': '2m' })).toEqual({
      shadowGate: { requests: 50, maxMismatchRate: 0.015, maxP99Ms: 250, percent: 20, timeoutMs: 120_000 },
    });
  });

  it('names the flag and says the limit in the unit it was typed in, in one line', () => {
    expect(error({ shadow: '0' })).toBe('--shadow must be at least 1');
    expect(error({ shadow: '1.5' })).toBe('--shadow must be a whole number');
    expect(error({ shadow: '100001' })).toBe('--shadow must be at most 100000');
    expect(error({ shadow: '10', 'shadow-max-mismatch': '101' })).toBe('--shadow-max-mismatch must be at most 100 %');
    expect(error({ shadow: '10', 'shadow-percent': '0' })).toBe('--shadow-percent must be above 0 %');
    expect(error({ shadow: '10', 'shadow-max-p99': '0' })).toBe('--shadow-max-p99 must be above 0 ms');
    expect(error({ shadow: '10', 'shadow-timeout': '500ms' })).toBe('--shadow-timeout must be at least 1 s');
    expect(error({ shadow: '10', 'shadow-timeout': '2h' })).toMatch(/^--shadow-timeout /);
    expect(error({ shadow: 'abc' })).toBe('--shadow must be a number, got "abc"');
    expect(error({ 'shadow-percent': '20' })).toBe('--shadow-percent needs --shadow N');
  });
});
