/**
 * `npm run bench`: direct backend vs Turnout vs nginx (and HAProxy), same run, same
 * backends, same 50/50 weights, same wrk load; prints rps, latency, CPU per request and
 * the ratios. Options: --runs=5 --seconds=4 --warmup=2 --connections=50 --threads=2
 * --only=direct,turnout,turnout-http-proxy,nginx,haproxy. Everything listens on 127.0.0.1
 * and every load is bounded by wrk's -d.
 */
import { existsSync, rmSync } from 'node:fs';
import os from 'node:os';
import type { ChildProcess } from 'node:child_process';
import { measure, type Measurement, type Plan } from './measure';
import { forkTs, stop } from './processes';
import { HAPROXY, NGINX, startHaproxy, startNginx } from './reference-proxies';
import { formatTable } from './table';
import { WRK } from './wrk';

const args = Object.fromEntries(process.argv.slice(2).map((arg) => arg.replace(/^--/, '').split('=') as [string, string]));
const num = (key: string, fallback: number): number => (args[key] === undefined ? fallback : Number(args[key]));
const plan: Plan = { runs: num('runs', 5), seconds: num('seconds', 4), warmupSeconds: num('warmup', 2), connections: num('connections', 50), threads: num('threads', 2) };
const only = args.only ? new Set(args.only.split(',')) : undefined;
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

const turnout = (client: string) => async () => {
  const config = { environments: ['blue', 'green'].map((name, i) => ({ name, url: `http://127.0.0.1:${ports[i]}`, weight: 50 })) };
  const { child, value } = await forkTs<string>('turnout-child.ts', [JSON.stringify(config)], 'url', { TURNOUT_UPSTREAM_CLIENT: client });
  return { url: `${value}/`, child };
};
const workers = 1;

try {
  // "direct": wrk straight at one backend; the CPU column is then the backend's own cost.
  await target('direct', async () => ({ url: `http://127.0.0.1:${bluePort}/`, child: backends.child }), 'keep');
  // "turnout": the default (undici for body-less requests); "turnout-http-proxy": the fallback client.
  await target('turnout', turnout('undici'), 'ipc');
  await target('turnout-http-proxy', turnout('http-proxy'), 'ipc');
  await target('nginx', () => startNginx(ports, workers), 'SIGQUIT', `${NGINX} not installed`);
  await target('haproxy', () => startHaproxy(ports, workers), 'SIGTERM', `${HAPROXY} not installed`);
} finally {
  await stop(backends.child, 'ipc');
}

const nginx = rows.find((row) => row.name === 'nginx');
const direct = rows.find((row) => row.name === 'direct');
console.log(`\n${formatTable(rows, nginx, direct)}\n`);
console.log(`load average after: ${load()} · "direct" CPU is the backend process's; proxies' CPU is their own process tree (workers included).`);
if (nginx) console.log('targets (issue 3): turnout rps ≥ 0.45× nginx, CPU ≤ 45 µs/request.');
