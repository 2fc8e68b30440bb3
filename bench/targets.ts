/**
 * The catalogue of targets: how each one starts and how it is stopped. The key order is the
 * default set and the table's row order. All share the same backends and 50/50 weights.
 */
import type { ChildProcess } from 'node:child_process';
import { forkTs } from './processes';
import { existsSync } from 'node:fs';
import { H2LOAD } from './h2load';
import { HAPROXY, NGINX, startHaproxy, startNginx } from './reference-proxies';

export interface Started {
  url: string;
  /** The load tool: wrk (HTTP/1.1, also over TLS) unless h2load (HTTP/2). */
  tool?: 'wrk' | 'h2load';
  child: ChildProcess;
  /** A temp dir to remove once the child has stopped. */
  dir?: string;
}

export interface Context {
  backends: ChildProcess;
  ports: readonly number[];
  upstreams: readonly string[];
  /** Worker processes of turnout-workers. */
  turnoutWorkers: number;
  /** One certificate and key (the local CA's leaf) for every HTTPS target. */
  tls: { certFile: string; keyFile: string };
}

export interface TargetSpec {
  /** undefined when the target cannot run here (then `skipReason` says why). */
  start: (ctx: Context) => Promise<Started | undefined>;
  /** 'keep': not the target's own process (direct shares the backends), stopped with them. */
  stopHow: 'ipc' | 'keep' | NodeJS.Signals;
  skipReason?: string;
}

/** A forked proxy child that takes `arg` in argv[2] and answers { url } over IPC. */
async function proxyChild(file: string, arg: unknown, env: NodeJS.ProcessEnv = {}): Promise<Started> {
  const { child, value } = await forkTs<string>(file, [JSON.stringify(arg)], 'url', env);
  return { url: `${value}/`, child };
}

const turnoutConfig = (ctx: Context, recording = true) => ({
  proxy: { inspect: { enabled: recording } },
  environments: ['blue', 'green'].map((name, i) => ({ name, url: ctx.upstreams[i]!, weight: 50 })),
});

export const TARGETS: Record<string, TargetSpec> = {
  // wrk straight at one backend; the CPU column is then the backend's own cost.
  direct: { start: async (ctx) => ({ url: `${ctx.upstreams[0]}/`, child: ctx.backends }), stopHow: 'keep' },
  // node:http + undici and nothing else, the least a Node proxy can spend.
  'node-floor': { start: (ctx) => proxyChild('node-floor-child.ts', ctx.upstreams), stopHow: 'ipc' },
  // The default client (undici for body-less requests), in one process and with workers.
  turnout: { start: (ctx) => proxyChild('turnout-child.ts', turnoutConfig(ctx), { TURNOUT_UPSTREAM_CLIENT: 'undici' }), stopHow: 'ipc' },
  // The same with request recording off (the inspector, electron/core/inspect/): its cost is turnout ÷ this.
  'turnout-no-record': { start: (ctx) => proxyChild('turnout-child.ts', turnoutConfig(ctx, false), { TURNOUT_UPSTREAM_CLIENT: 'undici' }), stopHow: 'ipc' },
  'turnout-workers': {
    start: (ctx) => proxyChild('turnout-child.ts', turnoutConfig(ctx), { TURNOUT_UPSTREAM_CLIENT: 'undici', TURNOUT_BENCH_WORKERS: String(ctx.turnoutWorkers) }),
    stopHow: 'ipc',
  },
  // The fallback client.
  'turnout-http-proxy': { start: (ctx) => proxyChild('turnout-child.ts', turnoutConfig(ctx), { TURNOUT_UPSTREAM_CLIENT: 'http-proxy' }), stopHow: 'ipc' },
  // One nginx worker matches Turnout's one process; two match turnout-workers at its default.
  nginx: { start: (ctx) => startNginx(ctx.ports, 1), stopHow: 'SIGQUIT', skipReason: `${NGINX} not installed` },
  'nginx-2w': { start: (ctx) => startNginx(ctx.ports, 2), stopHow: 'SIGQUIT', skipReason: `${NGINX} not installed` },
  haproxy: { start: (ctx) => startHaproxy(ctx.ports, 1), stopHow: 'SIGTERM', skipReason: `${HAPROXY} not installed` },
  // HTTPS: the same Turnout and nginx terminating TLS with the same certificate; HTTP/1.1 by wrk, HTTP/2 by h2load.
  'turnout-https': { start: (ctx) => turnoutTls(ctx, 'wrk'), stopHow: 'ipc' },
  // The floor over TLS: a bare https.createServer + undici, so turnout-https minus this is Turnout's own HTTPS work.
  'node-floor-https': { start: async (ctx) => withTool(await proxyChild('node-floor-child.ts', ctx.upstreams, { NODE_FLOOR_TLS: JSON.stringify(ctx.tls) }), 'wrk'), stopHow: 'ipc' },
  'nginx-https': { start: async (ctx) => withTool(await startNginx(ctx.ports, 1, ctx.tls), 'wrk'), stopHow: 'SIGQUIT', skipReason: `${NGINX} not installed` },
  'turnout-h2': { start: (ctx) => turnoutTls(ctx, 'h2load'), stopHow: 'ipc', skipReason: `${H2LOAD} not installed` },
  'nginx-h2': { start: async (ctx) => (existsSync(H2LOAD) ? withTool(await startNginx(ctx.ports, 1, ctx.tls), 'h2load') : undefined), stopHow: 'SIGQUIT', skipReason: `${NGINX} or ${H2LOAD} not installed` },
};

async function turnoutTls(ctx: Context, tool: 'wrk' | 'h2load'): Promise<Started | undefined> {
  if (tool === 'h2load' && !existsSync(H2LOAD)) return undefined;
  const started = await proxyChild('turnout-child.ts', turnoutConfig(ctx), { TURNOUT_UPSTREAM_CLIENT: 'undici', TURNOUT_BENCH_TLS: JSON.stringify(ctx.tls) });
  return { ...started, tool };
}

function withTool(started: Started | undefined, tool: 'wrk' | 'h2load'): Started | undefined {
  return started && { ...started, tool };
}
