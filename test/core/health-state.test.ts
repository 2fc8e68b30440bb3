import { describe, expect, it } from 'vitest';
import { HealthState } from '../../electron/core/health/health-state';

const run = (state: HealthState, results: boolean[]) => results.map((ok) => state.observe(ok));

describe('health thresholds', () => {
  it('lets the first probe decide, then needs `fall` failures to go down', () => {
    const state = new HealthState(2, 3);
    expect(run(state, [true, false, false, false])).toEqual(['up', 'up', 'up', 'down']);
  });

  it('needs `rise` consecutive successes to come back; a failure restarts the count', () => {
    const state = new HealthState(2, 1);
    expect(run(state, [false, true, false, true, true])).toEqual(['down', 'down', 'down', 'down', 'up']);
  });

  it('goes down at once on a passive failure and then needs `rise` probes', () => {
    const state = new HealthState(3, 3);
    run(state, [true, true]);
    state.forceDown();
    expect(state.state).toBe('down');
    expect(run(state, [true, true, true])).toEqual(['down', 'down', 'up']);
  });
});
