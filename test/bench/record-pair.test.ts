import { describe, expect, it } from 'vitest';
import { quantile, summarizePair } from '../../bench/record-pair';
import type { Sample } from '../../bench/measure';

const sample = (cpuUsPerRequest: number): Sample => ({ rps: 1000, p50Ms: 1, p99Ms: 2, cpuUsPerRequest, errors: 0 });

describe("bench's recording pair (issue 16's on ÷ off figure)", () => {
  it('takes the median of per-round ratios, so a slow round on both sides does not move it', () => {
    // Round 3 ran on a machine twice as slow for both: its ratio is still 1.1.
    const on = [110, 121, 220, 99, 132].map(sample);
    const off = [100, 110, 200, 100, 110].map(sample);
    const pair = summarizePair(on, off);
    expect(pair.ratio).toBeCloseTo(1.1, 6);
    expect(pair.min).toBeCloseTo(0.99, 6);
    expect(pair.max).toBeCloseTo(1.2, 6);
    expect(pair.q1).toBeCloseTo(1.1, 6);
    expect(pair.onUs).toBe(121);
    expect(pair.offUs).toBe(110);
  });

  it('interpolates quantiles and refuses unpaired rounds', () => {
    expect(quantile([4, 1, 3, 2], 0.5)).toBe(2.5);
    expect(quantile([1, 2, 3, 4, 5], 0.25)).toBe(2);
    expect(() => summarizePair([sample(1)], [])).toThrow(/same number of rounds/);
  });
});
