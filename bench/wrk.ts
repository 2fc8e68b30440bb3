/** Runs wrk (keep-alive, fixed connections/threads, bounded duration) and parses its report. */
import { execFile } from 'node:child_process';

export const WRK = '/usr/bin/wrk';

export interface WrkResult {
  rps: number;
  requests: number;
  p50Ms: number;
  p99Ms: number;
  /** Socket errors plus non-2xx/3xx answers: any of these makes a run suspect. */
  errors: number;
}

export interface WrkOptions {
  connections: number;
  threads: number;
  seconds: number;
}

function toMs(value: string, unit: string): number {
  const n = Number(value);
  return unit === 'us' ? n / 1000 : unit === 's' ? n * 1000 : unit === 'm' ? n * 60_000 : n;
}

export function parseWrk(text: string): WrkResult {
  const latency = (percent: string): number => {
    const match = new RegExp(`^\\s*${percent}%\\s+([\\d.]+)(us|ms|s|m)\\s*$`, 'm').exec(text);
    return match ? toMs(match[1]!, match[2]!) : NaN;
  };
  const rps = Number(/Requests\/sec:\s+([\d.]+)/.exec(text)?.[1] ?? NaN);
  const requests = Number(/(\d+) requests in/.exec(text)?.[1] ?? NaN);
  const socket = /Socket errors: connect (\d+), read (\d+), write (\d+), timeout (\d+)/.exec(text);
  const socketErrors = socket ? socket.slice(1).reduce((sum, n) => sum + Number(n), 0) : 0;
  const non2xx = Number(/Non-2xx or 3xx responses: (\d+)/.exec(text)?.[1] ?? 0);
  return { rps, requests, p50Ms: latency('50'), p99Ms: latency('99'), errors: socketErrors + non2xx };
}

/** `signal` kills a running wrk when the bench is interrupted, instead of letting it load a target being stopped. */
export function runWrk(url: string, options: WrkOptions, signal?: AbortSignal): Promise<WrkResult> {
  const args = [`-c${options.connections}`, `-t${options.threads}`, `-d${options.seconds}s`, '--latency', '--timeout', '5s', url];
  return new Promise((resolve, reject) => {
    // wrk stops by itself after -d; the kill timer only guards against a hung wrk.
    execFile(WRK, args, { timeout: (options.seconds + 15) * 1000, signal }, (error, stdout) => {
      if (error) reject(new Error(`wrk failed: ${error.message}`));
      else resolve(parseWrk(stdout));
    });
  });
}
