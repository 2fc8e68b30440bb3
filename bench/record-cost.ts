/**
 * `node bin/run-ts.js bench/record-cost.ts [--pairs=2] [--requests=3000] [--capacity=10000]`: what request
 * recording costs per request, in instructions (README "Instruction counts"), with recording
 * on and off in the same run, alternating. The wall-clock bench on a shared VM moves by more
 * than this feature costs; callgrind's count does not. Each run: the real DataPlane
 * (turnout-child.ts) under `valgrind --tool=callgrind --instr-atstart=no`, warmed with 1,500
 * requests, counting switched on for `requests` keep-alive GETs over 8 connections, then off
 * and dumped; the dump's `totals` are the proxy's instructions for them. Linux, needs valgrind.
 */
import { spawn, execFileSync, type ChildProcess } from 'node:child_process';
import { mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Pool } from 'undici';
import { forkTs, stop } from './processes';

const args = Object.fromEntries(process.argv.slice(2).map((arg) => arg.replace(/^--/, '').split('=') as [string, string]));
const pairs = Number(args.pairs ?? 2);
const requests = Number(args.requests ?? 3000);
/** The ring's size; below 4,500 (warm-up + counted) it wraps while counting, so eviction is in the figure. */
const capacity = Number(args.capacity ?? 10_000);
const dir = mkdtempSync(path.join(os.tmpdir(), 'turnout-record-cost-'));

async function send(url: string, count: number): Promise<void> {
  const pool = new Pool(url, { connections: 8 });
  let next = 0;
  const lane = async (): Promise<void> => {
    while (next++ < count) {
      const { statusCode, body } = await pool.request({ path: '/', method: 'GET' });
      await body.text();
      if (statusCode !== 200) throw new Error(`status ${statusCode}`);
    }
  };
  await Promise.all(Array.from({ length: 8 }, lane));
  await pool.close();
}

async function measure(upstreams: string[], recording: boolean, index: number): Promise<number> {
  const config = { proxy: { inspect: { enabled: recording, capacity } }, environments: upstreams.map((url, i) => ({ name: i === 0 ? 'blue' : 'green', url, weight: 50, health: { enabled: false } })) };
  const out = path.join(dir, `cg-${index}.out`);
  const child: ChildProcess = spawn(
    'valgrind',
    ['--tool=callgrind', '--instr-atstart=no', `--callgrind-out-file=${out}`, process.execPath, path.join(import.meta.dirname, '../bin/run-ts.js'), path.join(import.meta.dirname, 'turnout-child.ts'), JSON.stringify(config)],
    { stdio: ['ignore', 'ignore', 'ignore', 'ipc'] },
  );
  try {
    const url = await new Promise<string>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error('the proxy under valgrind did not start within 180 s')), 180_000);
      child.on('message', (message: { url?: string }) => {
        if (message.url === undefined) return;
        clearTimeout(timer);
        resolve(message.url);
      });
      child.once('exit', (code) => reject(new Error(`the proxy under valgrind exited with ${code}`)));
    });
    await send(url, 1500);
    execFileSync('callgrind_control', ['-i', 'on', String(child.pid)]);
    await send(url, requests);
    execFileSync('callgrind_control', ['-i', 'off', String(child.pid)]);
    execFileSync('callgrind_control', ['-d', String(child.pid)]);
    const dump = readdirSync(dir).filter((file) => file.startsWith(`cg-${index}.out`)).map((file) => readFileSync(path.join(dir, file), 'utf8'));
    const totals = dump.map((text) => Number(/^totals: (\d+)/m.exec(text)?.[1] ?? 0));
    return Math.max(...totals);
  } finally {
    await stop(child, 'ipc');
  }
}

const backends = await forkTs<number[]>('backends.ts', ['blue,green'], 'ports');
try {
  const upstreams = backends.value.map((port) => `http://127.0.0.1:${port}`);
  const results: { on: number[]; off: number[] } = { on: [], off: [] };
  for (let pair = 0; pair < pairs; pair++) {
    // Alternating which goes first, so warm-up order never favours one side.
    for (const recording of pair % 2 === 0 ? [false, true] : [true, false]) {
      const total = await measure(upstreams, recording, pair * 2 + (recording ? 1 : 0));
      (recording ? results.on : results.off).push(total);
      console.log(`- recording ${recording ? 'on ' : 'off'}: ${(total / 1e6).toFixed(1)} M instructions for ${requests} requests (${Math.round(total / requests)} per request)`);
    }
  }
  const mean = (values: number[]) => values.reduce((sum, value) => sum + value, 0) / values.length;
  console.log(`recording on ÷ off: ${(mean(results.on) / mean(results.off)).toFixed(3)}× (${pairs} pair(s), ${requests} requests each, ring of ${capacity})`);
} finally {
  await stop(backends.child, 'ipc');
  rmSync(dir, { recursive: true, force: true });
}
