import type { ShadowSampling } from '../../shared/contract/workers';
import type { ResolvedEnvironment } from './data-plane-config';
import type { RetireOptions } from './net/listen';
import type { ProxyConfig, EnvironmentCounters } from './proxy/proxy-server';
import type { GateSettings, HeldSummary } from './proxy/request-gate';

/** A proxy configuration with each environment's resolved health settings (workers apply two passive rules). */
export type TrafficConfig = Omit<ProxyConfig, 'environments'> & { environments: readonly ResolvedEnvironment[] };

/**
 * What DataPlane drives to carry traffic: the proxy in Turnout's own process (ProxyServer)
 * or N worker processes behind one listener (workers/worker-pool.ts). Both feed the same
 * MetricsRecorder and HealthMonitor, so status, drains, metrics and health read the same.
 */
export interface TrafficServer {
  configure(config: TrafficConfig): void;
  /** Gets ready to serve without binding (starts worker processes); listen() does it too if needed. */
  prepare?(): Promise<void>;
  listen(host: string, port: number): Promise<number>;
  countersFor(name: string): EnvironmentCounters;
  weightOf(name: string): number | undefined;
  /** An update drain, step by step (proxy-server.ts says what each does). */
  endConnections(name: string): number;
  cutInFlight(name: string): void;
  releaseIdle(name: string): void;
  closeSessions(names: readonly string[]): void;
  /** Stops accepting; `closeIdle: false` for a hand-over of the address (net/listen.ts). */
  pause(options?: RetireOptions): void;
  resume(): Promise<void>;
  readonly paused: boolean;
  /** Pauses in `hold` or `stop` mode with the listener open, or (null) releases (proxy/request-gate.ts). */
  hold(settings: GateSettings | null): void;
  /** What a hold keeps waiting now (with workers: summed, the oldest of all). */
  readonly held: HeldSummary;
  readonly listening: boolean;
  /** Why the traffic needs affinity, once seen under round robin (Socket.IO polling, a session cookie). */
  readonly affinityHint: string | null;
  close(): Promise<void>;
  /** Brings counts kept elsewhere (worker processes) into the recorder before a second closes. */
  collectMetrics?(): Promise<void>;
  /** The certificate files changed: new TLS connections get the new pair. */
  reloadTls?(): void;
  /** A shadow started or stopped (null): the serving process(es) pick its samples (inspect/shadow-sampler.ts). */
  sampleShadow(sampling: ShadowSampling | null): void;
  /** The health monitor's down set changed (workers keep a copy). */
  healthChanged?(): void;
}
