/**
 * `npm run bench`: direct backend vs a bare Node proxy (the floor) vs Turnout (one process,
 * and with worker processes) vs nginx and HAProxy, same run, same backends, same 50/50
 * weights, same wrk load; prints rps, latency, CPU per request, their spread and the
 * ratios. Options: --runs=5 --seconds=4 --warmup=4 --connections=50 --threads=2 --workers=2
 * --record-rounds=16 --record-seconds=2 (issue 16's recording pair, 0 rounds: skipped)
 * --only=direct,node-floor,turnout,turnout-no-record,turnout-workers,turnout-http-proxy,nginx,nginx-2w,haproxy,turnout-https,node-floor-https,nginx-https,turnout-h2,nginx-h2.
 * Every selected target is started up front and measured in interleaved rounds (rounds.ts).
 * Everything listens on 127.0.0.1 and every load is bounded by wrk's -d.
 */
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { LocalCa } from '../electron/core/net/local-ca';
import { cleanup, interrupted, onCleanup } from './cleanup';
import type { LiveTarget, Measurement } from './measure';
import { forkTs, stop } from './processes';
import { measureInRounds, type Plan } from './rounds';
import { describePair, measureRecordingPair, type PairSummary } from './record-pair';
import { describeRecordPath, measureRecordPath, type RecordPathResult } from './record-path';
import { formatTable } from './table';
import { TARGETS, type Context } from './targets';
import { WRK } from './wrk';

const names = Object.keys(TARGETS);
const args = Object.fromEntries(process.argv.slice(2).map((arg) => arg.replace(/^--/, '').split('=') as [string, string]));
const num = (key: string, fallback: number): number => (args[key] === undefined ? fallback : Number(args[key]));
const plan: Plan = { runs: num('runs', 5), seconds: num('seconds', 4), warmupSeconds: num('warmup', 4), connections: num('connections', 50), threads: num('threads', 2) };
/** Worker processes of turnout-workers (nginx-2w stays at 2: the like-for-like pair at the default). */
const turnoutWorkers = num('workers', 2);
/** The recording pair (record-pair.ts): many short rounds of turnout vs turnout-no-record after the main rounds. */
const recordPlan: Plan = { ...plan, runs: num('record-rounds', 16), seconds: num('record-seconds', 2), warmupSeconds: 1 };
const only = args.only ? new Set(args.only.split(',')) : undefined;
const unknown = [...(only ?? [])].filter((name) => !names.includes(name));
if (unknown.length > 0) {
  // A typo would otherwise silently measure nothing.
  console.error(`bench: unknown target(s) ${unknown.join(', ')}; known: ${names.join(', ')}`);
  process.exit(2);
}

if (!existsSync(WRK)) {
  console.error(`bench: wrk not found at ${WRK} (apt install wrk)`);
  process.exit(1);
}

const load = () => os.loadavg().map((n) => n.toFixed(2)).join(' ');
console.log(`Turnout bench · ${new Date().toISOString()} · ${os.cpus().length} cores (${os.cpus()[0]?.model.trim()}) · node ${process.version}`);
console.log(
  `wrk -c${plan.connections} -t${plan.threads}, keep-alive, warm-up ${plan.warmupSeconds} s, median of ${plan.runs} interleaved rounds × ${plan.seconds} s · load average before: ${load()}\n`,
);

let rows: Measurement[];
let pair: PairSummary | undefined;
let recordPath: RecordPathResult | undefined;
try {
  const backends = await forkTs<number[]>('backends.ts', ['blue,green'], 'ports');
  onCleanup(() => stop(backends.child, 'ipc'));
  const ports = backends.value;
  // One local CA and leaf (as `serve --tls` makes) for every HTTPS target.
  const tlsDir = mkdtempSync(path.join(os.tmpdir(), 'turnout-bench-tls-'));
  onCleanup(() => rmSync(tlsDir, { recursive: true, force: true }));
  const ca = new LocalCa(tlsDir);
  await ca.leaf([]);
  const ctx: Context = { backends: backends.child, ports, upstreams: ports.map((port) => `http://127.0.0.1:${port}`), turnoutWorkers, tls: ca.leafFiles };

  // Up front, one after the other; an idle target costs next to no CPU while the others run.
  const live: LiveTarget[] = [];
  for (const name of names.filter((name) => !only || only.has(name))) {
    const spec = TARGETS[name]!;
    const running = await spec.start(ctx);
    if (!running) {
      console.log(`- ${name}: skipped (${spec.skipReason})`);
      continue;
    }
    const { child, dir } = running;
    onCleanup(async () => {
      if (spec.stopHow !== 'keep') await stop(child, spec.stopHow);
      if (dir) rmSync(dir, { recursive: true, force: true });
    });
    live.push({ name, url: running.url, pid: child.pid!, tool: running.tool });
  }
  rows = await measureInRounds(live, plan, interrupted.signal);
  const on = live.find((target) => target.name === 'turnout');
  const off = live.find((target) => target.name === 'turnout-no-record');
  if (on && off && recordPlan.runs > 0) {
    console.log(`\nrecording pair (issue 16): turnout vs turnout-no-record, ${recordPlan.runs} more rounds × ${recordPlan.seconds} s`);
    pair = await measureRecordingPair(on, off, recordPlan, interrupted.signal);
    // The recording code alone, no sockets (record-path.ts): how much of the pair's difference is the code itself.
    recordPath = await measureRecordPath();
  }
} finally {
  await cleanup();
}

const find = (name: string) => rows.find((row) => row.name === name);
const nginx = find('nginx');
console.log(`\n${formatTable(rows, { nginx, direct: find('direct'), floor: find('node-floor') })}\n`);
console.log(`load average after: ${load()} · "direct" CPU is the backend process's; proxies' CPU is their own process tree (workers included).`);
console.log(`rps and CPU are medians over the rounds, min–max beside them; ratios are medians of the per-round ratios.`);
console.log(`ratios "vs nginx" are against the 1-worker nginx; compare turnout-workers (${turnoutWorkers} workers) with nginx-2w.`);
if (pair) {
  console.log(`\nrequest recording (issue 16), same run, same warm processes:`);
  console.log(`- ${describePair(pair, recordPlan.seconds)}`);
  if (recordPath) console.log(`- ${describeRecordPath(recordPath, pair.offUs)}`);
  console.log(`- the difference between the two lines is what keeping ${recordPath?.capacity ?? 'the ring of'} records alive costs the rest of the process (GC, memory): see bench/README.md "Request recording".`);
}
if (nginx) console.log('targets (issue 3): turnout rps ≥ 0.45× nginx, CPU ≤ 45 µs/request.');
