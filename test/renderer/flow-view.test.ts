import { describe, expect, it } from 'vitest';
import type { FlowWait } from '../../shared/contract/flow';
import { faultsText, parseRps } from '../../renderer/src/features/demo/demo-text';
import { continueLabel, endText, envTitle, formatCountdown, formatRate, waitHeadline } from '../../renderer/src/features/flow/flow-text';
import { describeRamp, formatHold, parseDuration, parseRampText, parseHeldStep, parseSmoke } from '../../renderer/src/features/flow/ramp-text';

const wait = (kind: FlowWait['kind'], env: string | null = 'blue'): FlowWait => ({ kind, env, message: '', until: null });

describe('ramp text: the CLI notation, checked by the shared schema', () => {
  it('reads weights, holds and gates', () => {
    const parsed = parseRampText('5@2m, 25, 50?, 100');
    expect(parsed.ok).toBe(true);
    if (!parsed.ok) return;
    expect(parsed.value.steps).toEqual([
      { weight: 5, holdMs: 120_000, gate: false },
      { weight: 25, holdMs: 0, gate: false },
      { weight: 50, holdMs: 0, gate: true },
      { weight: 100, holdMs: 0, gate: false },
    ]);
    // Defaults filled in by the schema, as the server would.
    expect(parsed.value.rollback).toBe('at-once');
    expect(parsed.value.guard.maxErrorRate).toBe(0.05);
    expect(parseRampText('10@1500ms?,100')).toMatchObject({ ok: true, value: { steps: [{ weight: 10, holdMs: 1500, gate: true }, { weight: 100 }] } });
  });

  it('says which step is wrong and why, in the schema words', () => {
    expect(parseRampText('')).toEqual({ ok: false, error: 'Enter the steps, e.g. 5@2m, 25, 50?, 100' });
    expect(parseRampText('5@2x, 100')).toEqual({ ok: false, error: 'Step 1 ("5@2x") must look like 25, 5@2m or 50?' });
    expect(parseRampText('5, abc')).toEqual({ ok: false, error: 'Step 2 ("abc") must look like 25, 5@2m or 50?' });
    expect(parseRampText('50, 25, 100')).toEqual({ ok: false, error: 'Step 2: must be more than the step before (50)' });
    expect(parseRampText('5, 50')).toEqual({ ok: false, error: 'Step 2: the last step must be 100' });
    expect(parseRampText('0, 100')).toEqual({ ok: false, error: 'Step 1: must be at least 1' });
  });

  it('reads durations like the CLI and writes holds back briefly', () => {
    expect([parseDuration('30s'), parseDuration('2m'), parseDuration('1500ms'), parseDuration('250'), parseDuration('2h')]).toEqual([30_000, 120_000, 1500, 250, null]);
    expect([formatHold(120_000), formatHold(30_000), formatHold(1500), formatHold(3_600_000)]).toEqual(['2 min', '30 s', '1.5 s', '1 h']);
    const plan = parseRampText('5@2m, 50?, 100');
    expect(plan.ok && describeRamp(plan.value)).toBe('5 % for 2 min → 50 %, then wait for you → 100 %');
  });

  it('reads the optional smoke request', () => {
    expect(parseSmoke('', '200')).toEqual({ ok: true, value: null });
    expect(parseSmoke(' /healthz ', '')).toEqual({ ok: true, value: { path: '/healthz', expectStatus: 200 } });
    expect(parseSmoke('/ready', '204')).toEqual({ ok: true, value: { path: '/ready', expectStatus: 204 } });
    expect(parseSmoke('healthz', '200')).toEqual({ ok: false, error: 'Smoke path must start with / and contain no spaces' });
    expect(parseSmoke('/ok', '99')).toEqual({ ok: false, error: 'Expected status must be at least 100' });
  });
});

describe('the held step fields', () => {
  it('reads no command as no step, a command with its limit in seconds, and says what is wrong', () => {
    expect(parseHeldStep('  ', 'x')).toEqual({ ok: true, value: null });
    expect(parseHeldStep(' npm run migrate ', '')).toEqual({ ok: true, value: { command: 'npm run migrate', timeoutMs: 30_000 } });
    expect(parseHeldStep('npm run migrate', '90')).toEqual({ ok: true, value: { command: 'npm run migrate', timeoutMs: 90_000 } });
    expect(parseHeldStep('npm run migrate', 'soon')).toEqual({ ok: false, error: 'Held step timeout must be 1 to 595 seconds' });
    expect(parseHeldStep('npm run migrate', '600')).toEqual({ ok: false, error: 'Held step timeout must be 1 to 595 seconds' });
    expect(parseHeldStep('x'.repeat(2001), '30')).toEqual({ ok: false, error: 'Held step command must be at most 2000 characters' });
  });
});

describe('flow copy', () => {
  it('says what each wait means, and what a person can do about it', () => {
    expect(waitHeadline(wait('user'))).toBe('Blue is drained: safe to update');
    expect(waitHeadline(wait('drained', 'green'))).toBe('Draining Green: every client gets a clean end, then it is safe to update');
    expect(waitHeadline(wait('health'))).toBe('Verifying Blue: waiting for good health checks');
    expect(waitHeadline(wait('gate'))).toBe('Blue held its share: continue when you are happy');
    expect(continueLabel(wait('user'))).toBe('Blue is updated: continue');
    expect(continueLabel(wait('confirm-command'))).toBe('Run the command');
    expect(continueLabel(wait('gate'))).toBe('Continue');
    expect(continueLabel(wait('drained'))).toBe('Finish the drain now');
    for (const kind of ['command', 'health', 'smoke', 'hold', 'rollback'] as const) expect(continueLabel(wait(kind))).toBeNull();
    expect(continueLabel(null)).toBeNull();
    expect(envTitle(null)).toBe('The environment');
  });

  it('says how many requests the held step holds, in each of its phases', () => {
    const held = (phase: 'holding' | 'quiet' | 'running', requests: number, inFlight = 0) => ({ ...wait('held'), env: null, held: { phase, requests, inFlight, since: 0 } });
    expect(waitHeadline(held('holding', 0))).toBe('Holding traffic for the held step');
    expect(waitHeadline(held('quiet', 4, 2))).toBe('Traffic held (holding 4 requests): letting 2 in flight finish first');
    expect(waitHeadline(held('running', 1))).toBe('Traffic held (holding 1 request) while the command runs');
    expect(waitHeadline(held('running', 17))).toBe('Traffic held (holding 17 requests) while the command runs');
    expect(continueLabel(held('running', 17))).toBeNull();
  });

  it('tells how a flow ended', () => {
    expect(endText({ status: 'done', first: 'blue', reason: null })).toBe('Update finished: Blue first, ratio restored.');
    expect(endText({ status: 'rolled-back', first: 'green', reason: 'guard: green error rate 9.0 %' })).toBe('Update rolled back: guard: green error rate 9.0 %');
    expect(endText({ status: 'aborted', first: 'blue', reason: null })).toBe('Update aborted.');
  });

  it('counts down in steady, readable units', () => {
    const now = 1_000_000;
    expect(formatCountdown(now + 9_001, now)).toBe('10 s');
    expect(formatCountdown(now + 59_000, now)).toBe('59 s');
    expect(formatCountdown(now + 125_000, now)).toBe('2:05');
    expect(formatCountdown(now + 3_725_000, now)).toBe('1:02:05');
    expect(formatCountdown(now - 5_000, now)).toBe('0 s');
    expect(formatRate(0.0234)).toBe('2.3 %');
  });
});

describe('demo card text', () => {
  it('describes faults and reads the rate field within the contract bounds', () => {
    expect(faultsText({ latencyMs: 0, errorPercent: 0 })).toBe('no faults');
    expect(faultsText({ latencyMs: 200, errorPercent: 20 })).toBe('+200 ms, 20 % errors');
    expect(parseRps(' 50 ', 2000)).toEqual({ rps: 50 });
    expect(parseRps('5000', 2000)).toEqual({ error: 'At most 2000 req/s' });
    expect(parseRps('1.5', 2000)).toEqual({ error: 'A whole number of requests per second' });
  });
});
