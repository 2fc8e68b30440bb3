import { describe, expect, it } from 'vitest';
import { describeShadowGate, parseShadowGate, SHADOW_GATE_DEFAULT_TEXT } from '../../renderer/src/features/flow/shadow-gate-text';

const on = { ...SHADOW_GATE_DEFAULT_TEXT, on: true };

describe('the Start form\'s shadow gate fields, checked by the shared schema', () => {
  it('is none while off, whatever the fields say', () => {
    expect(parseShadowGate({ ...SHADOW_GATE_DEFAULT_TEXT, requests: 'lots' })).toEqual({ ok: true, value: null });
  });

  it('reads % and seconds into the schema\'s rate and milliseconds; an empty p99 is no limit', () => {
    expect(parseShadowGate(on)).toEqual({ ok: true, value: { requests: 200, maxMismatchRate: 0, maxP99Ms: null, percent: 100, timeoutMs: 300_000 } });
    expect(parseShadowGate({ ...on, requests: ' 50 ', maxMismatchPercent: '2.5', maxP99Ms: '250', percent: '20', timeoutSeconds: '90' })).toEqual({
      ok: true,
      value: { requests: 50, maxMismatchRate: 0.025, maxP99Ms: 250, percent: 20, timeoutMs: 90_000 },
    });
  });

  it('says in one sentence which field is wrong, in the field\'s own unit', () => {
    expect(parseShadowGate({ ...on, requests: '' })).toEqual({ ok: false, error: 'Requests to compare must be a number' });
    expect(parseShadowGate({ ...on, requests: '0' })).toEqual({ ok: false, error: 'Requests to compare must be at least 1' });
    expect(parseShadowGate({ ...on, requests: '1.5' })).toEqual({ ok: false, error: 'Requests to compare must be a whole number' });
    expect(parseShadowGate({ ...on, maxMismatchPercent: '101' })).toEqual({ ok: false, error: 'Max mismatch must be at most 100 %' });
    expect(parseShadowGate({ ...on, maxMismatchPercent: 'some' })).toEqual({ ok: false, error: 'Max mismatch must be a number' });
    expect(parseShadowGate({ ...on, maxP99Ms: '0' })).toEqual({ ok: false, error: 'Max p99 must be above 0 ms' });
    expect(parseShadowGate({ ...on, percent: '0' })).toEqual({ ok: false, error: 'Share copied must be above 0 %' });
    expect(parseShadowGate({ ...on, percent: '150' })).toEqual({ ok: false, error: 'Share copied must be at most 100 %' });
    expect(parseShadowGate({ ...on, timeoutSeconds: '0.5' })).toEqual({ ok: false, error: 'Gate timeout must be at least 1 s' });
    expect(parseShadowGate({ ...on, timeoutSeconds: '4000' })).toEqual({ ok: false, error: 'Gate timeout must be at most 3600 s' });
  });

  it('reads the gate back in a sentence', () => {
    expect(describeShadowGate({ requests: 50, maxMismatchRate: 0.01, maxP99Ms: 250, percent: 20, timeoutMs: 60_000 }, 'Blue')).toBe(
      'Copies 20 % of live GET/HEAD requests to Blue (still at 0) and compares 50 answers; goes on if at most 1 % differ and Blue\'s p99 is at most 250 ms, else fails to the safe ratio.',
    );
  });
});
