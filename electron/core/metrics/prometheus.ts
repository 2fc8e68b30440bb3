import type { Health } from '../../../shared/contract/state';
import type { EnvironmentMeter, LatencyTotals } from './environment-meter';

/** What the exposition needs of one environment: cumulative counters and current gauges. */
export interface PrometheusEnvironment {
  name: string;
  weight: number;
  health: Health;
  requests: number;
  responses: Record<'1xx' | '2xx' | '3xx' | '4xx' | '5xx', number>;
  errors: number;
  retries: number;
  inFlight: number;
  openWebSockets: number;
  openStreams: number;
  latency: LatencyTotals;
}

interface Family {
  name: string;
  type: 'counter' | 'gauge' | 'summary';
  help: string;
  lines: (env: PrometheusEnvironment, label: string) => string[];
}

const FAMILIES: readonly Family[] = [
  { name: 'turnout_requests_total', type: 'counter', help: 'Requests sent to the environment (a retried request counts at both).', lines: (e, l) => [`turnout_requests_total{${l}} ${e.requests}`] },
  {
    name: 'turnout_responses_total',
    type: 'counter',
    help: 'Upstream responses by status class.',
    lines: (e, l) => Object.entries(e.responses).map(([cls, n]) => `turnout_responses_total{${l},class="${cls}"} ${n}`),
  },
  { name: 'turnout_proxy_errors_total', type: 'counter', help: 'Requests the environment failed (refused, reset, timed out).', lines: (e, l) => [`turnout_proxy_errors_total{${l}} ${e.errors}`] },
  { name: 'turnout_retries_total', type: 'counter', help: 'Failed requests retried on another environment.', lines: (e, l) => [`turnout_retries_total{${l}} ${e.retries}`] },
  { name: 'turnout_in_flight_requests', type: 'gauge', help: 'Requests being served now.', lines: (e, l) => [`turnout_in_flight_requests{${l}} ${e.inFlight}`] },
  { name: 'turnout_open_websockets', type: 'gauge', help: 'WebSocket connections open now.', lines: (e, l) => [`turnout_open_websockets{${l}} ${e.openWebSockets}`] },
  { name: 'turnout_open_streams', type: 'gauge', help: 'Event streams (SSE) being served now (also in turnout_in_flight_requests).', lines: (e, l) => [`turnout_open_streams{${l}} ${e.openStreams}`] },
  { name: 'turnout_weight_percent', type: 'gauge', help: 'Share of new requests, 0-100.', lines: (e, l) => [`turnout_weight_percent{${l}} ${e.weight}`] },
  {
    name: 'turnout_environment_up',
    type: 'gauge',
    help: 'Health: 1 up, 0 down (absent until the first probe).',
    lines: (e, l) => (e.health === 'unknown' ? [] : [`turnout_environment_up{${l}} ${e.health === 'up' ? 1 : 0}`]),
  },
  {
    name: 'turnout_request_duration_seconds',
    type: 'summary',
    help: 'Time from request to end of response, up to the last full second.',
    lines: (e, l) => [
      `turnout_request_duration_seconds{${l},quantile="0.5"} ${e.latency.p50}`,
      `turnout_request_duration_seconds{${l},quantile="0.9"} ${e.latency.p90}`,
      `turnout_request_duration_seconds{${l},quantile="0.99"} ${e.latency.p99}`,
      `turnout_request_duration_seconds_sum{${l}} ${e.latency.sumSeconds}`,
      `turnout_request_duration_seconds_count{${l}} ${e.latency.count}`,
    ],
  },
];

function escapeLabel(value: string): string {
  return value.replace(/\\/g, '\\\\').replace(/"/g, '\\"').replace(/\n/g, '\\n');
}

/** Prometheus text exposition format 0.0.4 (serve as `text/plain; version=0.0.4`). Pure. */
export function prometheusText(environments: readonly PrometheusEnvironment[]): string {
  const out: string[] = [];
  for (const family of FAMILIES) {
    out.push(`# HELP ${family.name} ${family.help}`, `# TYPE ${family.name} ${family.type}`);
    for (const env of environments) out.push(...family.lines(env, `environment="${escapeLabel(env.name)}"`));
  }
  return `${out.join('\n')}\n`;
}

export const PROMETHEUS_CONTENT_TYPE = 'text/plain; version=0.0.4; charset=utf-8';

/** One environment's exposition from its meter (all-time counters and gauges). */
export function meterExposition(env: { name: string; weight: number }, health: Health, meter: EnvironmentMeter): PrometheusEnvironment {
  const [r1, r2, r3, r4, r5] = meter.responses as [number, number, number, number, number];
  return {
    name: env.name,
    weight: env.weight,
    health,
    requests: meter.requests,
    responses: { '1xx': r1, '2xx': r2, '3xx': r3, '4xx': r4, '5xx': r5 },
    errors: meter.errors,
    retries: meter.retries,
    inFlight: meter.inFlight,
    openWebSockets: meter.openWebSockets,
    openStreams: meter.openStreams,
    latency: meter.latencyTotals(),
  };
}
