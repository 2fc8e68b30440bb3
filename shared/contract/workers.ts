import type { RoutingMethod } from '../domain/profile';
import type { ProxySettings } from '../domain/health-settings';

/**
 * The one contract between the primary (electron/core/workers/worker-pool.ts, in Turnout's
 * process) and each proxy worker process (proxy-worker.ts), over Node's IPC channel. Both
 * sides import it, so a message changed on one side fails the type check on the other.
 */

/**
 * What one proxy worker process counted for an environment since its last report
 * (workers/): counter increments and the interval's latencies as a compressed HDR histogram.
 */
export interface MeterInterval {
  requests: number;
  responses: number[];
  errors: number;
  retries: number;
  /** hdr-histogram-js's compressed base64 form, or '' when nothing was recorded. */
  latency: string;
}

/** One environment as a worker routes it, with the two passive-health rules it applies itself. */
export interface WorkerEnvironment {
  name: string;
  url: string;
  weight: number;
  allowSelfSigned: boolean;
  /** Active checks on: a connection failure takes it out of this worker's rotation at once. */
  checked: boolean;
  /** Consecutive 5xx that take it down (0 = off), counted by each worker on its own traffic. */
  passive5xx: number;
}

export interface WorkerConfig {
  routing: RoutingMethod;
  settings: ProxySettings;
  environments: WorkerEnvironment[];
}

/** Live gauges of one environment in one worker. */
export interface WorkerGauges {
  inFlight: number;
  openWebSockets: number;
  openStreams: number;
}

/** A running shadow as the serving processes pick its samples (electron/core/inspect/shadow-sampler.ts). */
export interface ShadowSampling {
  /** The shadow run (each start numbers a new one); records carry it back with their sample. */
  run: number;
  /** The shadow environment: requests it serves are never sampled. */
  environment: string;
  percent: number;
}

export type ToWorker =
  | { type: 'configure'; config: WorkerConfig }
  /** A shadow started (or restarted), or null: stopped. Each worker samples its own share. */
  | { type: 'shadow'; sampling: ShadowSampling | null }
  /** The environments the primary's health monitor holds down (the whole set, each time). */
  | { type: 'health'; down: string[] }
  /** Handed with a socket: a new client connection for this worker to serve. */
  | { type: 'connection' }
  | { type: 'report'; id: number }
  /** An update drain's steps for one environment (ProxyServer's methods of the same names). */
  | { type: 'end-connections'; name: string }
  | { type: 'cut-in-flight'; name: string }
  | { type: 'release-idle'; name: string }
  /** The environments whose sticky sessions are closed (the whole set, each time). */
  | { type: 'close-sessions'; names: string[] }
  | { type: 'pause'; closeIdle: boolean }
  /** A hold or stop (the listener stays open), or null: release (electron/core/proxy/request-gate.ts). */
  | { type: 'hold'; settings: { mode: 'hold' | 'stop'; timeoutMs: number; message: string } | null }
  | { type: 'resume' }
  /** The certificate files changed: read them again (new connections get them). */
  | { type: 'reload-tls' }
  | { type: 'stop' };

export type FromWorker =
  | { type: 'ready' }
  /** `held`: what this worker's hold keeps waiting (oldestSince: epoch ms). */
  | { type: 'gauges'; environments: Record<string, WorkerGauges>; held: { count: number; oldestSince: number | null } }
  | { type: 'report'; id: number; environments: Record<string, MeterInterval> }
  | { type: 'connect-failure'; name: string; reason: string }
  /** Traffic that needs affinity was seen under round robin. */
  | { type: 'affinity'; reason: string }
  /**
   * A batch of request records (electron/core/inspect/raw-record.ts: plain data; typed as
   * unknown here so shared/ does not depend on the core's record shape).
   */
  | { type: 'records'; records: unknown[] }
  /** The worker took an environment out of its rotation for a passive reason (a run of 5xx). */
  | { type: 'passive-down'; name: string; reason: string };

/** Settings a worker takes once, as JSON in its first argument. */
export interface WorkerBoot {
  headersTimeoutMs?: number;
  /** This worker's place among `of`: it starts its round robin that far along (routing-phase.ts). */
  index: number;
  of: number;
  /** HTTPS on the connections handed over: each worker reads the pair itself (paths, never key bytes on a command line). */
  tls?: { certFile: string; keyFile: string };
}
