/**
 * Turnout's real data plane (DataPlane → ProxyServer → forwarder) alone in a process tree,
 * so the bench can read its CPU time from /proc (proc-cpu.ts sums this process and its
 * proxy workers). Config comes as JSON in argv[2]; the URL goes back over IPC as { url }.
 * TURNOUT_UPSTREAM_CLIENT picks the forwarder; TURNOUT_BENCH_WORKERS (default 1) the number
 * of proxy worker processes (1 = the proxy in this process, as Turnout runs by default).
 */
import { DataPlane } from '../electron/core/data-plane';
import { announce } from './child-lifecycle';

const workers = Number(process.env.TURNOUT_BENCH_WORKERS ?? 1);
if (!Number.isInteger(workers) || workers < 1) throw new Error(`TURNOUT_BENCH_WORKERS must be a whole number ≥ 1, got ${process.env.TURNOUT_BENCH_WORKERS}`);
// TURNOUT_BENCH_TLS: {"certFile","keyFile"} for the HTTPS listener (HTTP/2 + HTTP/1.1), as a `--tls` profile runs.
const tls = process.env.TURNOUT_BENCH_TLS ? (JSON.parse(process.env.TURNOUT_BENCH_TLS) as { certFile: string; keyFile: string }) : undefined;
const plane = new DataPlane(() => undefined, { workers, tls });
announce(await plane.start('127.0.0.1', 0, JSON.parse(process.argv[2] ?? '[]')), () => plane.stop());
