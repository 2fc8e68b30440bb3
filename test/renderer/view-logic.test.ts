import { describe, expect, it } from 'vitest';
import { chartData, chartHeight } from '../../renderer/src/features/chart/chart-data';
import { sparklinePoints } from '../../renderer/src/features/environments/sparkline';
import { describeChange, describeValue } from '../../renderer/src/features/history/history-text';
import { checkWeightDraft, draftFromWeights } from '../../renderer/src/features/ratio/weight-inputs';
import { engineBadge } from '../../renderer/src/features/header/engine-badge';
import { edgePath, edgeWidth, flowSeconds, topologyLayout } from '../../renderer/src/features/topology/topology-layout';
import { envStatus } from '../../renderer/src/lib/env-status';
import { formatAge, formatErrorRate, formatMs, formatRps } from '../../renderer/src/lib/format';

describe('topology layout maths', () => {
  it('puts clients, Turnout and the environments left to right, environments evenly stacked', () => {
    const layout = topologyLayout(2);
    expect(layout.clients.x).toBeLessThan(layout.turnout.x);
    expect(layout.environments.every((point) => point.x > layout.turnout.x)).toBe(true);
    expect(layout.turnout.y).toBe(layout.height / 2);
    const [a, b] = layout.environments;
    expect(a!.y - 0).toBeCloseTo(layout.height - b!.y);
  });

  it('grows with the number of environments and keeps boxes apart', () => {
    const four = topologyLayout(4);
    expect(four.height).toBeGreaterThan(topologyLayout(2).height);
    const gaps = four.environments.slice(1).map((point, index) => point.y - four.environments[index]!.y);
    expect(new Set(gaps.map((gap) => gap.toFixed(3))).size).toBe(1);
    expect(gaps[0]!).toBeGreaterThan(four.envHalfHeight * 2);
  });

  it('draws edges as an S-curve between two points', () => {
    expect(edgePath({ x: 0, y: 10 }, { x: 100, y: 50 })).toBe('M 0 10 C 50 10, 50 50, 100 50');
  });

  it('makes edge width follow the weight, a hairline at 0', () => {
    expect(edgeWidth(0)).toBe(1.5);
    expect(edgeWidth(100)).toBe(18);
    expect(edgeWidth(50)).toBeGreaterThan(edgeWidth(25));
    expect(edgeWidth(150)).toBe(18);
  });

  it('animates faster with more req/s, on a log scale, and not at all when idle', () => {
    expect(flowSeconds(0)).toBeNull();
    expect(flowSeconds(Number.NaN)).toBeNull();
    const slow = flowSeconds(1)!;
    const fast = flowSeconds(10_000)!;
    expect(fast).toBeLessThan(flowSeconds(100)!);
    expect(flowSeconds(100)!).toBeLessThan(slow);
    expect(fast).toBeGreaterThanOrEqual(0.25);
    expect(slow).toBeLessThanOrEqual(2.4);
  });
});

describe('formatting live figures', () => {
  it('keeps req/s short', () => {
    expect(formatRps(0)).toBe('0');
    expect(formatRps(3.04)).toBe('3');
    expect(formatRps(8.44)).toBe('8.4');
    expect(formatRps(93.4)).toBe('93');
    expect(formatRps(1234)).toBe('1.2k');
    expect(formatRps(12_345)).toBe('12k');
  });

  it('shows error rates and latencies in words people read', () => {
    expect(formatErrorRate(0)).toBe('0 %');
    expect(formatErrorRate(0.005)).toBe('0.5 %');
    expect(formatErrorRate(0.123)).toBe('12 %');
    expect(formatMs(0)).toBe('–');
    expect(formatMs(0.42)).toBe('0.4 ms');
    expect(formatMs(12.4)).toBe('12 ms');
    expect(formatMs(1300)).toBe('1.3 s');
    expect(formatAge(1_000, 4_200)).toBe('3 s ago');
    expect(formatAge(0, 130_000)).toBe('2 min ago');
  });
});

describe('environment status', () => {
  const env = { health: 'up' as const, weight: 50, inFlight: 0, openWebSockets: 0 };
  it('is health, except at weight 0 where it tells draining from drained', () => {
    expect(envStatus(env)).toBe('up');
    expect(envStatus({ ...env, health: 'down', weight: 0 })).toBe('down');
    expect(envStatus({ ...env, weight: 0, inFlight: 2 })).toBe('draining');
    expect(envStatus({ ...env, weight: 0, openWebSockets: 1 })).toBe('draining');
    expect(envStatus({ ...env, weight: 0 })).toBe('drained');
    expect(envStatus({ ...env, health: 'unknown' })).toBe('unknown');
  });
});

describe('per-environment weight inputs', () => {
  const names = ['a', 'b', 'c'];
  it('accepts whole numbers that make 100', () => {
    const check = checkWeightDraft({ a: '50', b: '30', c: '20' }, names);
    expect(check).toEqual({ weights: { a: 50, b: 30, c: 20 }, fieldErrors: {}, sum: 100, sumError: null });
  });

  it('says which field is wrong, and by how much the sum is off', () => {
    expect(checkWeightDraft({ a: '', b: '3.5', c: '101' }, names).fieldErrors).toEqual({
      a: 'Enter a weight',
      b: 'A whole number from 0 to 100',
      c: 'A whole number from 0 to 100',
    });
    const over = checkWeightDraft({ a: '50', b: '50', c: '20' }, names);
    expect(over.weights).toBeNull();
    expect(over.sumError).toBe('The weights add up to 120; they must make 100 (20 too many).');
    expect(checkWeightDraft({ a: '10', b: '10', c: '10' }, names).sumError).toMatch(/70 to go/);
  });

  it('starts from the applied weights', () => {
    expect(draftFromWeights({ a: 40, b: 60 }, ['a', 'b', 'c'])).toEqual({ a: '40', b: '60', c: '0' });
  });
});

describe('history text', () => {
  it('reads weights as a ratio and other values briefly', () => {
    expect(describeChange({ kind: 'ratio', before: { blue: 50, green: 50 }, after: { blue: 70, green: 30 } })).toEqual({ before: '50 … 50', after: '70 … 30' });
    expect(describeValue(null)).toBe('—');
    expect(describeValue('Local')).toBe('Local');
    expect(describeValue({ blue: 'up' })).toBe('blue up');
    expect(describeValue({ name: 'canary', weights: { a: 90, b: 10 } })).toBe('canary (90 … 10)');
  });
});

describe('chart and sparkline data', () => {
  const sample = (at: number, blue: number) => ({ at, environments: { blue: { rps: blue } } }) as never;
  it('aligns samples into uPlot columns, 0 where an environment is missing', () => {
    expect(chartData([sample(1000, 5), sample(2000, 7)], ['blue', 'green'])).toEqual([[1, 2], [5, 7], [0, 0]]);
    expect(chartHeight(400)).toBe(160);
    expect(chartHeight(2000)).toBe(260);
  });

  it('scales a sparkline into its box, peak at the top', () => {
    expect(sparklinePoints([], 100, 20)).toBe('');
    expect(sparklinePoints([0, 10], 100, 20)).toBe('0,19 100,1');
  });
});

describe('the header\'s engine badge', () => {
  it('says nothing for the proxy in one process, names an external engine, counts embedded workers', () => {
    expect(engineBadge('embedded', 1)).toBeNull();
    expect(engineBadge('nginx', 1)).toMatchObject({ text: 'nginx', tone: 'plane' });
    const workers = engineBadge('embedded', 2)!;
    expect(workers).toMatchObject({ text: 'embedded · 2 workers', tone: 'plain' });
    expect(workers.title).toMatch(/2 worker processes behind one listen address/);
  });
});
