import { describe, expect, it } from 'vitest';
import { SmoothWeightedBalancer } from '../../electron/core/balancer/smooth-weighted';

function picks(balancer: SmoothWeightedBalancer, count: number, eligible?: (name: string) => boolean): string[] {
  return Array.from({ length: count }, () => balancer.pick(eligible) ?? 'none');
}

function count(list: string[], name: string): number {
  return list.filter((item) => item === name).length;
}

describe('smooth weighted round robin', () => {
  it.each([
    [70, 30],
    [50, 50],
    [99, 1],
    [33, 67],
  ])('at %i/%i every window of 100 consecutive picks is exact', (a, b) => {
    const balancer = new SmoothWeightedBalancer({ blue: a, green: b });
    const sequence = picks(balancer, 1000);
    for (let start = 0; start < 1000; start += 100) {
      const window = sequence.slice(start, start + 100);
      expect(count(window, 'blue')).toBe(a);
      expect(count(window, 'green')).toBe(b);
    }
  });

  it('at 70/30 gives exactly 7 and 3 in every 10, interleaved rather than in a burst', () => {
    const balancer = new SmoothWeightedBalancer({ blue: 70, green: 30 });
    const sequence = picks(balancer, 50);
    for (let start = 0; start < 50; start += 10) {
      expect(count(sequence.slice(start, start + 10), 'green')).toBe(3);
    }
    // nginx's smooth algorithm never sends more than 3 in a row to blue at 7:3.
    expect(sequence.join(',')).not.toContain('blue,blue,blue,blue');
  });

  it('never picks an environment with weight 0', () => {
    const balancer = new SmoothWeightedBalancer({ blue: 0, green: 100 });
    expect(new Set(picks(balancer, 100))).toEqual(new Set(['green']));
  });

  it('applies new weights from the very next pick, exactly', () => {
    const balancer = new SmoothWeightedBalancer({ blue: 50, green: 50 });
    picks(balancer, 7);
    balancer.setWeights({ blue: 80, green: 20 });
    const after = picks(balancer, 10);
    expect(count(after, 'blue')).toBe(8);
  });

  it('skips environments the caller rules out, and returns undefined when none is left', () => {
    const balancer = new SmoothWeightedBalancer({ blue: 70, green: 30 });
    expect(new Set(picks(balancer, 20, (name) => name !== 'blue'))).toEqual(new Set(['green']));
    expect(balancer.pick(() => false)).toBeUndefined();
  });

  it('splits three environments exactly too', () => {
    const balancer = new SmoothWeightedBalancer({ a: 50, b: 30, c: 20 });
    const sequence = picks(balancer, 100);
    expect([count(sequence, 'a'), count(sequence, 'b'), count(sequence, 'c')]).toEqual([50, 30, 20]);
  });
});
