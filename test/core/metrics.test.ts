import { describe, expect, it } from 'vitest';
import { EnvironmentMeter } from '../../electron/core/metrics/environment-meter';
import { MetricsRecorder } from '../../electron/core/metrics/metrics-recorder';
import { prometheusText } from '../../electron/core/metrics/prometheus';
import { METRICS_HISTORY_SECONDS } from '../../shared/contract/metrics';

describe('environment meter', () => {
  it('turns one second of responses into rates, classes and percentiles', () => {
    const meter = new EnvironmentMeter();
    for (let i = 1; i <= 100; i++) meter.recordResponse(i === 100 ? 503 : 200, i * 1000);
    meter.errors = 1;
    const sample = meter.sample();
    expect(sample.responses).toEqual({ '1xx': 0, '2xx': 99, '3xx': 0, '4xx': 0, '5xx': 1 });
    expect(sample.rps).toBe(101);
    expect(sample.errorRate).toBeCloseTo(2 / 101);
    expect(sample.latencyMs.p50).toBeGreaterThanOrEqual(49);
    expect(sample.latencyMs.p50).toBeLessThanOrEqual(51);
    expect(sample.latencyMs.max).toBeGreaterThanOrEqual(99);
    const idle = meter.sample();
    expect([idle.rps, idle.latencyMs.p99, idle.requests]).toEqual([0, 0, 101]);
    expect(meter.latencyTotals().count).toBe(100);
  });
});

describe('metrics recorder', () => {
  it('keeps at most METRICS_HISTORY_SECONDS samples', () => {
    const recorder = new MetricsRecorder();
    recorder.retain(['blue']);
    for (let i = 0; i < METRICS_HISTORY_SECONDS + 5; i++) recorder.tick(i);
    expect(recorder.series()).toHaveLength(METRICS_HISTORY_SECONDS);
    expect(recorder.latest()?.at).toBe(METRICS_HISTORY_SECONDS + 4);
  });
});

describe('prometheus text', () => {
  it('exposes counters, gauges and a latency summary per environment', () => {
    const text = prometheusText([
      {
        name: 'blue',
        weight: 70,
        health: 'up',
        requests: 12,
        responses: { '1xx': 0, '2xx': 10, '3xx': 0, '4xx': 1, '5xx': 1 },
        errors: 2,
        retries: 1,
        inFlight: 3,
        openWebSockets: 1,
        openStreams: 0,
        latency: { count: 12, sumSeconds: 0.6, p50: 0.04, p90: 0.08, p99: 0.1 },
      },
      {
        name: 'green',
        weight: 30,
        health: 'unknown',
        requests: 0,
        responses: { '1xx': 0, '2xx': 0, '3xx': 0, '4xx': 0, '5xx': 0 },
        errors: 0,
        retries: 0,
        inFlight: 0,
        openWebSockets: 0,
        openStreams: 0,
        latency: { count: 0, sumSeconds: 0, p50: 0, p90: 0, p99: 0 },
      },
    ]);
    expect(text).toContain('# TYPE turnout_requests_total counter\nturnout_requests_total{environment="blue"} 12\n');
    expect(text).toContain('turnout_responses_total{environment="blue",class="5xx"} 1');
    expect(text).toContain('turnout_environment_up{environment="blue"} 1');
    expect(text).not.toContain('turnout_environment_up{environment="green"}');
    expect(text).toContain('turnout_request_duration_seconds{environment="blue",quantile="0.99"} 0.1');
    expect(text).toContain('turnout_request_duration_seconds_count{environment="blue"} 12');
    expect(text.endsWith('\n')).toBe(true);
    // Every sample line is "name{labels} number".
    for (const line of text.split('\n').filter((l) => l && !l.startsWith('#'))) expect(line).toMatch(/^[a-z_]+\{[^}]*\} -?[0-9.e+-]+$/);
  });
});
