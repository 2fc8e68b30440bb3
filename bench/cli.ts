/**
 * `npm run bench:cli`: how fast `turnout` answers and how much memory `turnout serve` holds,
 * against `node -e 0` measured in the same run (not part of `npm test`). Options:
 * --rounds=15 --serve-runs=7 --seconds=10 --connections=50 --threads=2 --memory-rounds=2 --no-source.
 *
 *  1. Commands, in interleaved rounds (each round runs each once, starting one further along
 *     the list, so drift of this VM's speed cancels in the per-round ratios): `node -e 0`,
 *     `turnout --help`, `turnout status` against a running serve; and, unless --no-source,
 *     the same two from source through tsx (TURNOUT_FROM_SOURCE=1), as before the build.
 *  2. `turnout serve` on the demo profile (a fresh data dir each time), from spawn until its
 *     proxy accepts a connection, --serve-runs times (alternating with the source run).
 *  3. Under wrk's load (-c50 -t2, keep-alive, after a 3 s warm-up) in front of the bench's
 *     two backends (backends.ts), RSS sampled every 200 ms and the CPU time the process tree
 *     spent per 1000 requests: `turnout serve` with no flags, with V8's young generation
 *     capped (--max-semi-space-size=4), with the installed bin's flags (scripts/node-flags.mjs)
 *     and from source, and the bare Node proxy of the main bench
 *     (node-floor-child.ts, bundled to JavaScript) as the floor; --memory-rounds rounds,
 *     each running every process once, so the flag's cost is read against the same minutes.
 * Everything listens on 127.0.0.1; every process and temp dir goes at the end (cleanup.ts).
 */
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { buildCli } from '../scripts/build-cli.mjs';
import { NODE_FLAGS } from '../scripts/node-flags.mjs';
import { cleanup, interrupted, onCleanup } from './cleanup';
import { forkForUrl, startServe, timeCommand, treeRssMb } from './cli-processes';
import { median } from './measure';
import { buildNodeFloor } from './node-floor-build';
import { treeCpuSeconds } from './proc-cpu';
import { forkTs, freePort, stop } from './processes';
import { runWrk, WRK } from './wrk';

const args = Object.fromEntries(process.argv.slice(2).map((arg) => [arg.replace(/^--/, '').split('=')[0]!, arg.split('=')[1] ?? 'true']));
const num = (key: string, fallback: number): number => (args[key] === undefined ? fallback : Number(args[key]));
const rounds = num('rounds', 15);
const serveRuns = num('serve-runs', 7);
const seconds = num('seconds', 10);
const connections = num('connections', 50);
const threads = num('threads', 2);
const withSource = args['no-source'] === undefined;
const memoryRounds = num('memory-rounds', 2);
const TOKEN = 'bench-token';

if (!existsSync(WRK)) {
  console.error(`bench: wrk not found at ${WRK} (apt install wrk)`);
  process.exit(1);
}

const load = (): string => os.loadavg().map((n) => n.toFixed(2)).join(' ');
const ms = (value: number): string => `${Math.round(value)} ms`;
const times = (value: number): string => `${value.toFixed(2)}×`;
console.log(`Turnout CLI bench · ${new Date().toISOString()} · ${os.cpus().length} cores (${os.cpus()[0]?.model.trim()}) · node ${process.version}`);
console.log(`load average before: ${load()}`);
if (await buildCli({ ifStale: true })) console.log('(the CLI build was stale: rebuilt it first)');

function tempDir(): string {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'turnout-bench-cli-'));
  onCleanup(() => rmSync(dir, { recursive: true, force: true }));
  return dir;
}

/** A `turnout serve` that stays up (stopped by cleanup), with its data in a temp dir. */
async function serveInFront(upstreams: string[], env: NodeJS.ProcessEnv): Promise<{ pid: number; admin: string; proxy: string }> {
  const [listen, admin] = [await freePort(), await freePort()];
  const backends = upstreams.flatMap((url, i) => ['--backend', `${i === 0 ? 'blue' : 'green'}=${url}`]);
  const serve = await startServe(['--db', path.join(tempDir(), 'turnout.db'), '--admin', `127.0.0.1:${admin}`, ...backends], listen, { TURNOUT_TOKEN: TOKEN, ...env });
  onCleanup(() => stop(serve.child));
  return { pid: serve.child.pid!, admin: `http://127.0.0.1:${admin}`, proxy: `http://127.0.0.1:${listen}/` };
}

interface Variant {
  name: string;
  env: NodeJS.ProcessEnv;
}
const variants: Variant[] = [{ name: 'built', env: {} }, ...(withSource ? [{ name: 'source (tsx)', env: { TURNOUT_FROM_SOURCE: '1' } }] : [])];

try {
  const backends = await forkTs<number[]>('backends.ts', ['blue,green'], 'ports');
  onCleanup(() => stop(backends.child, 'ipc'));
  const upstreams = backends.value.map((port) => `http://127.0.0.1:${port}`);
  const server = await serveInFront(upstreams, {});

  // 1. Short commands, interleaved.
  const commands: Array<{ name: string; run: () => Promise<number> }> = [{ name: 'node -e 0', run: () => timeCommand(['-e', '0'], {}, { node: true }) }];
  for (const variant of variants) {
    const suffix = variant.name === 'built' ? '' : `, ${variant.name}`;
    commands.push({ name: `turnout --help${suffix}`, run: () => timeCommand(['--help'], variant.env) });
    commands.push({ name: `turnout status${suffix}`, run: () => timeCommand(['status', '--admin', server.admin], { TURNOUT_TOKEN: TOKEN, ...variant.env }) });
  }
  for (const command of commands) await command.run(); // warm-up: file cache, the stamp check
  const samples = commands.map(() => [] as number[]);
  for (let round = 0; round < rounds && !interrupted.signal.aborted; round++) {
    for (let k = 0; k < commands.length; k++) {
      const i = (round + k) % commands.length;
      samples[i]!.push(await commands[i]!.run());
    }
  }
  console.log(`\nCommands: wall time from spawn to exit, median of ${rounds} interleaved rounds (min–max); ratio = median of the per-round ratios to node -e 0\n`);
  console.log('| command | wall | min–max | vs node -e 0 |\n|:--|--:|--:|--:|');
  for (const [i, command] of commands.entries()) {
    const ratio = median(samples[i]!.map((value, r) => value / samples[0]![r]!));
    console.log(`| ${command.name} | ${ms(median(samples[i]!))} | ${Math.round(Math.min(...samples[i]!))}–${Math.round(Math.max(...samples[i]!))} | ${times(ratio)} |`);
  }

  // 2. serve on the demo profile, from spawn to accepting connections.
  const starts = new Map(variants.map((variant) => [variant.name, { accept: [] as number[], ready: [] as number[] }]));
  for (let run = 0; run < serveRuns && !interrupted.signal.aborted; run++) {
    for (const variant of variants) {
      const listen = await freePort();
      const dir = tempDir();
      const started = await startServe(['--db', path.join(dir, 'turnout.db'), '--admin', `127.0.0.1:${await freePort()}`], listen, { TURNOUT_TOKEN: TOKEN, ...variant.env });
      await stop(started.child);
      rmSync(dir, { recursive: true, force: true });
      starts.get(variant.name)!.accept.push(started.acceptMs);
      starts.get(variant.name)!.ready.push(started.readyMs);
    }
  }
  console.log(`\nturnout serve, demo profile, fresh data dir: from spawn until the proxy accepts a connection, median of ${serveRuns} (min–max)\n`);
  console.log('| serve | accepting | min–max | "Ready." printed |\n|:--|--:|--:|--:|');
  for (const [name, { accept, ready }] of starts) {
    console.log(`| ${name} | ${ms(median(accept))} | ${Math.round(Math.min(...accept))}–${Math.round(Math.max(...accept))} | ${ms(median(ready))} |`);
  }

  // 3. Memory under load: Turnout, and the bare Node proxy as the platform's floor.
  console.log(`\nUnder wrk -c${connections} -t${threads} for ${seconds} s (after a 3 s warm-up), two backends 50/50: RSS sampled every 200 ms; CPU of the process tree per 1000 requests; ${memoryRounds} interleaved round(s)\n`);
  console.log('| process | round | RSS idle | RSS median | RSS peak | rps | CPU ms / 1k req | errors |\n|:--|--:|--:|--:|--:|--:|--:|--:|');
  const floor = await forkForUrl(await buildNodeFloor(tempDir()), [JSON.stringify(upstreams)]);
  onCleanup(() => stop(floor.child, 'ipc'));
  const semi = await serveInFront(upstreams, { NODE_OPTIONS: '--max-semi-space-size=4' });
  // V8 grows old space to up to 4× what survives a mark-compact when the heap may reach 2 GB or
  // more (every machine with 8 GB of RAM or more), and 1.3–2× below that: the installed bin
  // caps it at 1 GB (scripts/node-flags.mjs; bench/README.md, "serve's memory").
  const installed = await serveInFront(upstreams, { NODE_OPTIONS: NODE_FLAGS.join(' ') });
  const source = withSource ? await serveInFront(upstreams, variants[1]!.env) : undefined;
  const targets: Array<{ name: string; target: { pid: number; proxy: string } }> = [
    { name: 'node floor (node:http + undici, built)', target: { pid: floor.child.pid!, proxy: floor.url } },
    { name: 'turnout serve, built', target: server },
    { name: 'turnout serve, built, --max-semi-space-size=4 only', target: semi },
    { name: `turnout serve, built, ${NODE_FLAGS.join(' ')} (as the installed bin runs it)`, target: installed },
    ...(source ? [{ name: `turnout serve, ${variants[1]!.name}`, target: source }] : []),
  ];
  const idle = new Map(targets.map(({ name, target }) => [name, treeRssMb(target.pid)]));
  for (let round = 1; round <= memoryRounds && !interrupted.signal.aborted; round++) {
    for (const { name, target } of targets) {
      if (interrupted.signal.aborted) break;
      await runWrk(target.proxy, { connections, threads, seconds: 3 }, interrupted.signal);
      const rss: number[] = [];
      const sampler = setInterval(() => rss.push(treeRssMb(target.pid)), 200);
      const cpuBefore = treeCpuSeconds(target.pid);
      const result = await runWrk(target.proxy, { connections, threads, seconds }, interrupted.signal).finally(() => clearInterval(sampler));
      const cpuPer1k = ((treeCpuSeconds(target.pid) - cpuBefore) * 1000) / (result.requests / 1000);
      console.log(`| ${name} | ${round} | ${idle.get(name)!.toFixed(0)} MB | ${median(rss).toFixed(0)} MB | ${Math.max(...rss).toFixed(0)} MB | ${Math.round(result.rps)} | ${cpuPer1k.toFixed(1)} | ${result.errors} |`);
    }
  }
} finally {
  await cleanup();
}

console.log(`\nload average after: ${load()}`);
console.log('targets (issue 15): --help ≤ 2× node -e 0 · status ≤ 2.5× · serve accepting ≤ 500 ms · serve RSS ≤ 100 MB under c50 (the row of the installed bin).');
