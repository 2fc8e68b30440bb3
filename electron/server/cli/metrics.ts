import type { MetricsSample } from '../../../shared/contract/metrics';
import { connect, expectPositionals, print, UsageError, type Command } from './common';

/** `turnout metrics`: the last seconds of traffic per environment, for a glance or a script. */
export const metrics: Command = {
  usage: `Usage: turnout metrics [--seconds N] [--json]

Shows requests per second, error rate and latency per environment over the last N seconds
(1-300, default 10). --json prints the one-second samples.`,
  client: true,
  options: { seconds: { type: 'string' } },
  async run(parsed, io) {
    expectPositionals(parsed, 'metrics', []);
    const text = (parsed.values.seconds as string | undefined) ?? '10';
    if (!/^\d+$/.test(text)) throw new UsageError(`--seconds must be a whole number, got "${text}"`);
    const samples = await connect(parsed.values, io).getMetrics({ seconds: Number(text) });
    return print(io, parsed.values, samples, () => formatMetrics(samples));
  },
};

export function formatMetrics(samples: MetricsSample[]): string {
  const last = samples.at(-1);
  if (!last) return 'No traffic figures yet (the first second has not closed).';
  const names = Object.keys(last.environments);
  const width = Math.max(11, ...names.map((name) => name.length));
  const rows = names.map((name) => {
    const perSecond = samples.map((sample) => sample.environments[name]?.rps ?? 0);
    const mean = perSecond.reduce((a, b) => a + b, 0) / perSecond.length;
    const env = last.environments[name]!;
    return [
      name.padEnd(width),
      mean.toFixed(1).padStart(9),
      `${(env.errorRate * 100).toFixed(1)} %`.padStart(8),
      `${env.latencyMs.p50.toFixed(1)}`.padStart(8),
      `${env.latencyMs.p99.toFixed(1)}`.padStart(8),
      String(env.inFlight).padStart(9),
      String(env.requests).padStart(10),
    ].join('  ');
  });
  const header = ['environment'.padEnd(width), 'req/s avg'.padStart(9), 'errors'.padStart(8), 'p50 ms'.padStart(8), 'p99 ms'.padStart(8), 'in flight'.padStart(9), 'requests'.padStart(10)].join('  ');
  return [`Last ${samples.length} s`, header, ...rows].join('\n');
}
