/**
 * `npm run bench`: direct backend vs a bare Node proxy (the floor) vs Turnout (one process,
 * and with worker processes) vs nginx and HAProxy, same run, same backends, same 50/50
 * weights, same wrk load; prints rps, latency, CPU per request and the ratios. Options:
 * --runs=5 --seconds=4 --warmup=2 --connections=50 --threads=2 --workers=2
 * --only=direct,node-floor,turnout,turnout-workers,turnout-http-proxy,nginx,nginx-2w,haproxy.
 * Everything listens on 127.0.0.1 and every load is bounded by wrk's -d.
 */
import { existsSync, rmSync } from 'node:fs';
import os from 'node:os';
import type { ChildProcess } from 'node:child_process';
import { measure, type Measurement, type Plan } from './measure';
import { forkTs, stop } from './processes';
import { HAPROXY, NGINX, startHaproxy, startNginx } from './reference-proxies';
import { formatTable } from './table';
import { WRK } from './wrk';

const TARGETS = ['direct', 'node-floor', 'turnout', 'turnout-workers', 'turnout-http-proxy', 'nginx', 'nginx-2w', 'haproxy'];

const args = Object.fromEntries(process.argv.slice(2).map((arg) => arg.replace(/^--/, '').split('=') as [string, string]));
const num = (key: string, fallback: number): number => (args[key] === undefined ? fallback : Number(args[key]));
const plan: Plan = { runs: num('runs', 5), seconds: num('seconds', 4), warmupSeconds: num('warmup', 2), connections: num('connections', 50), threads: num('threads', 2) };
/** Worker processes of turnout-workers (nginx-2w stays at 2: the like-for-like pair at the default). */
const turnoutWorkers = num('workers', 2);
const only = args.only ? new Set(args.only.split(',')) : undefined;
const unknown = [...(only ?? [])].filter((name) => !TARGETS.includes(name));
if (unknown.length > 0) {
  // A typo would otherwise silently measure nothing.
  console.error(`bench: unknown target(s) ${unknown.join(', ')}; known: ${TARGETS.join(', ')}`);
  process.exit(2);
}
const wanted = (name: string): boolean => !only || only.has(name);

if (!existsSync(WRK)) {
  console.error(`bench: wrk not found at ${WRK} (apt install wrk)`);
  process.exit(1);
}

const load = () => os.loadavg().map((n) => n.toFixed(2)).join(' ');
console.log(`Turnout bench · ${new Date().toISOString()} · ${os.cpus().length} cores (${os.cpus()[0]?.model.trim()}) · node ${process.version}`);
console.log(`wrk -c${plan.connections} -t${plan.threads}, keep-alive, warm-up ${plan.warmupSeconds} s, median of ${plan.runs} × ${plan.seconds} s · load average before: ${load()}\n`);

const backends = await forkTs<number[]>('backends.ts', ['blue,green'], 'ports');
const [bluePort, greenPort] = backends.value as [number, number];
const ports = [bluePort, greenPort];
const upstreams = ports.map((port) => `http://127.0.0.1:${port}`);
const rows: Measurement[] = [];

async function target(name: string, start: () => Promise<{ url: string; child: ChildProcess; dir?: string } | undefined>, stopHow: 'ipc' | 'keep' | NodeJS.Signals, skipReason?: string): Promise<void> {
  if (!wanted(name)) return;
  const running = await start();
  if (!running) {
    console.log(`- ${name}: skipped (${skipReason})`);
    return;
  }
  try {
    const row = await measure(name, running.url, running.child.pid!, plan);
    rows.push(row);
    console.log(`- ${name}: ${Math.round(row.rps)} rps, ${row.cpuUsPerRequest.toFixed(1)} µs CPU/request`);
  } finally {
    if (stopHow !== 'keep') await stop(running.child, stopHow);
    if (running.dir) rmSync(running.dir, { recursive: true, force: true });
  }
}

/** A forked proxy child that takes `arg` in argv[2] and answers { url } over IPC. */
const proxyChild = (file: string, arg: unknown, env: NodeJS.ProcessEnv = {}) => async () => {
  const { child, value } = await forkTs<string>(file, [JSON.stringify(arg)], 'url', env);
  return { url: `${value}/`, child };
};
const turnoutConfig = { environments: ['blue', 'green'].map((name, i) => ({ name, url: upstreams[i]!, weight: 50 })) };

try {
  // "direct": wrk straight at one backend; the CPU column is then the backend's own cost.
  await target('direct', async () => ({ url: `${upstreams[0]}/`, child: backends.child }), 'keep');
  // "node-floor": node:http + undici and nothing else, the least a Node proxy can spend.
  await target('node-floor', proxyChild('node-floor-child.ts', upstreams), 'ipc');
  // "turnout": the default (undici for body-less requests); "turnout-http-proxy": the fallback client.
  await target('turnout', proxyChild('turnout-child.ts', turnoutConfig, { TURNOUT_UPSTREAM_CLIENT: 'undici' }), 'ipc');
  await target('turnout-workers', proxyChild('turnout-child.ts', turnoutConfig, { TURNOUT_UPSTREAM_CLIENT: 'undici', TURNOUT_BENCH_WORKERS: String(turnoutWorkers) }), 'ipc');
  await target('turnout-http-proxy', proxyChild('turnout-child.ts', turnoutConfig, { TURNOUT_UPSTREAM_CLIENT: 'http-proxy' }), 'ipc');
  // One nginx worker matches Turnout's one process; two match turnout-workers at its default.
  await target('nginx', () => startNginx(ports, 1), 'SIGQUIT', `${NGINX} not installed`);
  await target('nginx-2w', () => startNginx(ports, 2), 'SIGQUIT', `${NGINX} not installed`);
  await target('haproxy', () => startHaproxy(ports, 1), 'SIGTERM', `${HAPROXY} not installed`);
} finally {
  await stop(backends.child, 'ipc');
}

const find = (name: string) => rows.find((row) => row.name === name);
const nginx = find('nginx');
console.log(`\n${formatTable(rows, { nginx, direct: find('direct'), floor: find('node-floor') })}\n`);
console.log(`load average after: ${load()} · "direct" CPU is the backend process's; proxies' CPU is their own process tree (workers included).`);
console.log(`ratios "vs nginx" are against the 1-worker nginx; compare turnout-workers (${turnoutWorkers} workers) with nginx-2w.`);
if (nginx) console.log('targets (issue 3): turnout rps ≥ 0.45× nginx, CPU ≤ 45 µs/request.');
