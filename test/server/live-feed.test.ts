import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningTurnout } from '../../electron/server/app';
import type { MetricsSample } from '../../shared/contract/metrics';
import { servedBy, type Backend } from '../support/backends';
import { startTurnoutFixture, type TurnoutFixture } from '../support/turnout-fixture';

/** The live side of the contract: one-second metrics and health transitions reach views and history. */
describe('live feed: metrics and health', () => {
  let fixture: TurnoutFixture;
  let turnout: RunningTurnout;
  let green: Backend;
  let proxyUrl: string;

  beforeAll(async () => {
    fixture = await startTurnoutFixture({ token: 't', ratio: '70:30' });
    ({ turnout, green, proxyUrl } = fixture);
  });

  afterAll(() => fixture.stop());

  it('pushes a metrics event every second and keeps the series for getMetrics', async () => {
    const samples: MetricsSample[] = [];
    const off = turnout.control.events.on('metrics', (sample) => samples.push(sample));
    await servedBy(proxyUrl, 50);
    const deadline = Date.now() + 5000;
    while (!samples.some((sample) => sample.environments.blue!.requests >= 35) && Date.now() < deadline) {
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    off();
    const last = samples.at(-1)!;
    expect(last.environments.blue!.requests).toBe(35);
    expect(last.environments.green!.requests).toBe(15);
    expect(last.environments.blue!.responses['2xx']).toBe(35);
    const series = await turnout.control.getMetrics({ seconds: 60 });
    expect(series.length).toBeGreaterThan(0);
    expect(series.reduce((sum, sample) => sum + sample.environments.green!.rps, 0)).toBeGreaterThanOrEqual(15);
  });

  it('records a health transition in the history, from source "auto"', async () => {
    await green.close();
    // A connection refused marks green down at once; the retry sends the request to blue.
    await servedBy(proxyUrl, 10);
    const deadline = Date.now() + 5000;
    let state = await turnout.control.getState();
    while (state.environments[1]!.health !== 'down' && Date.now() < deadline) {
      await new Promise((resolve) => setTimeout(resolve, 50));
      state = await turnout.control.getState();
    }
    expect(state.environments[1]!.health).toBe('down');
    const { entries } = await turnout.control.getHistory({ limit: 10, kind: 'health' });
    expect(entries[0]).toMatchObject({ source: 'auto', kind: 'health', after: { green: 'down' } });
  });
});
