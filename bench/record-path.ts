/**
 * The recording path's own cost (issue 16), measured directly: two children
 * (record-path-child.ts), identical synthetic requests, one recording as the proxy does and
 * one not, given blocks of requests in turn (alternating who goes first) after a warm-up
 * that fills the ring. Per round, (CPU on − CPU off) / requests is what recording adds to a
 * request, in ns, GC included; the result is the median of the rounds with min–max. No
 * sockets and no load generator: the only noise left is the VM's speed, which the
 * interleaving spreads over both sides. Run alone: `node bin/run-ts.js bench/record-path.ts`.
 */
import type { ChildProcess } from 'node:child_process';
import { median } from './measure';
import { forkTs, stop } from './processes';

export interface RecordPathResult {
  /** Added CPU per request, ns: median and the rounds' range. */
  ns: number;
  nsMin: number;
  nsMax: number;
  /** CPU per synthetic request without recording, ns (the work both sides share). */
  baseNs: number;
  rounds: number;
  requests: number;
  capacity: number;
}

export interface RecordPathOptions {
  rounds?: number;
  /** Requests per block (one side, one round). */
  requests?: number;
  capacity?: number;
}

function block(child: ChildProcess, n: number): Promise<number> {
  return new Promise((resolve) => {
    const onMessage = (message: { cpuUs?: number }): void => {
      if (message.cpuUs === undefined) return;
      child.off('message', onMessage);
      resolve(message.cpuUs);
    };
    child.on('message', onMessage);
    child.send({ block: n });
  });
}

export async function measureRecordPath(options: RecordPathOptions = {}): Promise<RecordPathResult> {
  const rounds = options.rounds ?? 21;
  const requests = options.requests ?? 40_000;
  const capacity = options.capacity ?? 10_000;
  const on = await forkTs<true>('record-path-child.ts', ['on', String(capacity)], 'ready');
  const off = await forkTs<true>('record-path-child.ts', ['off', String(capacity)], 'ready');
  try {
    // Warm-up: JIT, and the ring filled twice over, so every measured record evicts one.
    for (let i = 0; i < 3; i++) await Promise.all([block(on.child, capacity), block(off.child, capacity)]);
    const added: number[] = [];
    const base: number[] = [];
    for (let round = 0; round < rounds; round++) {
      const order = round % 2 === 0 ? [off, on] : [on, off];
      const [first, second] = [await block(order[0]!.child, requests), await block(order[1]!.child, requests)];
      const [offUs, onUs] = round % 2 === 0 ? [first, second] : [second, first];
      added.push(((onUs - offUs) * 1000) / requests);
      base.push((offUs * 1000) / requests);
    }
    return { ns: median(added), nsMin: Math.min(...added), nsMax: Math.max(...added), baseNs: median(base), rounds, requests, capacity };
  } finally {
    await Promise.all([stop(on.child, 'ipc'), stop(off.child, 'ipc')]);
  }
}

/** One line for the bench's report; `proxyUs` is the proxy's CPU per request without recording (µs), measured in the same run. */
export function describeRecordPath(result: RecordPathResult, proxyUs: number | undefined): string {
  const what = `${Math.round(result.ns)} ns per request (${Math.round(result.nsMin)}–${Math.round(result.nsMax)} over ${result.rounds} rounds of ${result.requests} requests, ring of ${result.capacity}, GC included)`;
  if (proxyUs === undefined) return `the recording code alone: ${what}`;
  return `the recording code alone (record-path.ts, no sockets): ${what} = ${((result.ns / (proxyUs * 1000)) * 100).toFixed(1)} % of turnout-no-record's ${proxyUs.toFixed(1)} µs`;
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const args = Object.fromEntries(process.argv.slice(2).map((arg) => arg.replace(/^--/, '').split('=') as [string, string]));
  const result = await measureRecordPath({ rounds: args.rounds ? Number(args.rounds) : undefined, requests: args.requests ? Number(args.requests) : undefined, capacity: args.capacity ? Number(args.capacity) : undefined });
  console.log(describeRecordPath(result, args['proxy-us'] ? Number(args['proxy-us']) : undefined));
  console.log(`(the shared synthetic work: ${Math.round(result.baseNs)} ns per request)`);
}
