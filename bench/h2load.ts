/** Runs h2load (HTTP/2 over TLS; nghttp2-client from apt) like wrk: fixed clients and threads, bounded duration. */
import { execFile } from 'node:child_process';
import type { WrkOptions, WrkResult } from './wrk';

export const H2LOAD = '/usr/bin/h2load';

/**
 * HTTP/2 carries many requests on one connection, as browsers do: a fifth of wrk's
 * connections (10 at -c50), 10 streams in flight on each. 50 TLS connections at once made
 * h2load stall in its start-up on this loaded 2-core VM.
 */
const STREAMS = 10;
const clientsFor = (connections: number): number => Math.max(1, Math.round(connections / 5));

export function parseH2load(text: string): WrkResult {
  const rps = Number(/finished in [\d.]+\w+, ([\d.]+) req\/s/.exec(text)?.[1] ?? NaN);
  const counts = /requests: (\d+) total, \d+ started, (\d+) done, (\d+) succeeded, (\d+) failed, (\d+) errored, (\d+) timeout/.exec(text);
  const done = Number(counts?.[2] ?? NaN);
  const failed = counts ? Number(counts[4]) + Number(counts[5]) + Number(counts[6]) : 0;
  // h2load prints no percentiles: its mean request time stands in for p50; p99 is not known.
  const mean = /time for request:\s+\S+\s+\S+\s+([\d.]+)(us|ms|s)/.exec(text);
  const meanMs = mean ? Number(mean[1]) * (mean[2] === 'us' ? 0.001 : mean[2] === 's' ? 1000 : 1) : NaN;
  return { rps, requests: done, p50Ms: meanMs, p99Ms: NaN, errors: failed };
}

export function runH2load(url: string, options: WrkOptions, signal?: AbortSignal): Promise<WrkResult> {
  const args = ['-c', String(clientsFor(options.connections)), '-t', String(options.threads), '-m', String(STREAMS), '-D', String(options.seconds), url];
  return new Promise((resolve, reject) => {
    execFile(H2LOAD, args, { timeout: (options.seconds + 15) * 1000, signal, maxBuffer: 4 * 1024 * 1024 }, (error, stdout) => {
      // h2load exits non-zero when some requests did not finish in time; its report still counts them (as errors).
      if (stdout.includes('finished in')) resolve(parseH2load(stdout));
      else reject(new Error(`h2load failed: ${error?.message ?? 'no report'}`));
    });
  });
}
