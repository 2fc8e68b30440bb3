import type { ShadowStatus } from '../../../shared/contract/shadow';
import { connect, expectPositionals, print, UsageError, type Command } from './common';

export const SHADOW_USAGE = `Usage: turnout shadow <command> [options]

Commands (on the running profile):
  start ENV --percent P  copy P % of the GET/HEAD requests (no body) to ENV too, off the
                         client's path, and compare the answers per route
  stop                   stop copying; the results stay for "shadow status"
  status [--json]        per route: pairs, mismatch %, p99 of each side, examples that differ

Each takes --help, --json, --admin URL and --token TOKEN.`;

const start: Command = {
  usage: `Usage: turnout shadow start ENV --percent P

From now on a copy of P % (0 < P ≤ 100) of the GET and HEAD requests without a body is sent,
after the real answer is complete, to the environment that served it and to ENV, and the two
answers are compared (status class, JSON as data, text); fields that differ between two answers
of the same environment (timestamps, ids) are learned as noise. The client only ever gets the
real answer. Starting again resets the results.`,
  client: true,
  completes: 'environment',
  options: { percent: { type: 'string' } },
  async run(parsed, io) {
    const [environment] = expectPositionals(parsed, 'shadow start', ['ENV']);
    const text = parsed.values.percent as string | undefined;
    if (text === undefined) throw new UsageError('shadow start needs --percent P (the share of requests to copy, 0 < P ≤ 100)');
    const percent = Number(text);
    if (!/^\d+(\.\d+)?$/.test(text) || percent <= 0 || percent > 100) throw new UsageError(`--percent must be a number above 0 and at most 100, got "${text}"`);
    const status = await connect(parsed.values, io).shadowStart({ environment: environment!, percent });
    return print(io, parsed.values, status, () => formatShadow(status));
  },
};

const stop: Command = {
  usage: 'Usage: turnout shadow stop [--json]\n\nStops copying requests; the results stay for "turnout shadow status".',
  client: true,
  async run(parsed, io) {
    expectPositionals(parsed, 'shadow stop', []);
    const status = await connect(parsed.values, io).shadowStop({});
    return print(io, parsed.values, status, () => formatShadow(status));
  },
};

const status: Command = {
  usage: 'Usage: turnout shadow status [--json]\n\nThe running (or last) shadow: per route, pairs compared, mismatch %, p99 of each side and the newest pairs that differ.',
  client: true,
  async run(parsed, io) {
    expectPositionals(parsed, 'shadow status', []);
    const view = await connect(parsed.values, io).shadowStatus({});
    return print(io, parsed.values, view, () => formatShadow(view));
  },
};

export const SHADOW_COMMANDS: Record<string, Command> = { start, stop, status };

const ms = (value: number | null) => (value === null ? '-' : `${value.toFixed(1)} ms`);

export function formatShadow(view: ShadowStatus): string {
  if (view.environment === null) return 'Shadow: off (never started)';
  const head = `Shadow: ${view.active ? 'on' : 'off'}, ${view.percent} % to ${view.environment}; sampled ${view.sampled}, compared ${view.compared}, dropped ${view.dropped} (queue full)${view.overCap > 0 ? `, ${view.overCap} over 1 MiB (status and latency only)` : ''}, waiting ${view.queued + view.inFlight}`;
  if (view.routes.length === 0) return `${head}\nNo pairs compared yet.`;
  const lines = [head, 'ROUTE  PAIRS  MISMATCH  P99 PRIMARY  P99 SHADOW'];
  for (const route of view.routes) {
    lines.push(`${route.route}  ${route.pairs}  ${(route.mismatchRate * 100).toFixed(1)} %  ${ms(route.p99Ms.primary)}  ${ms(route.p99Ms.shadow)}`);
    if (route.noise.length > 0 || route.bodyNoise) lines.push(`  noise (not counted): ${route.bodyNoise ? 'the whole body' : route.noise.join(', ')}`);
    for (const example of route.examples) lines.push(`  #${example.seq} ${example.url}: ${example.differences.join('; ')}`);
  }
  return lines.join('\n');
}
