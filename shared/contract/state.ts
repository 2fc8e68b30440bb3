import type { DataPlaneKind } from '../domain/data-plane-mode';
import type { DemoView } from './demo';
import type { ManagedView } from './managed';
import type { FlowView } from './flow';
import type { PresetView } from '../domain/presets';
import type { RoutingMethod } from '../domain/profile';
import type { Weights } from '../domain/ratio';
import type { PauseMode } from '../domain/pause';

export type Health = 'up' | 'down' | 'unknown';

/** The last active health probe of an environment. */
export interface ProbeResult {
  /** Epoch milliseconds. */
  at: number;
  ok: boolean;
  /** HTTP status, when the probe got an answer. */
  status?: number;
  /** Why it failed, in words ("timeout after 2000 ms", "ECONNREFUSED", "status 500"). */
  error?: string;
  ms: number;
}

/** An environment's live status, as the data plane reports it. */
export interface EnvironmentStatus {
  health: Health;
  lastProbe: ProbeResult | null;
  inFlight: number;
  openWebSockets: number;
  /** Event streams (SSE) open now; they count in `inFlight` too. */
  openStreams: number;
  requests: number;
  /** Weight 0 and nothing in flight, no WebSocket open (in an update drain with sticky routing, also its session window closed): safe to update. */
  drained: boolean;
}

/** One environment as every view sees it: configuration plus live status. */
export interface EnvironmentView extends EnvironmentStatus {
  name: string;
  color: string;
  url: string;
  weight: number;
}

/** A pause as views show it (shared/domain/pause.ts). */
export interface PauseView {
  mode: PauseMode;
  /** When it began (ISO). */
  since: string;
  timeoutMs: number;
  message: string;
  /** Requests and upgrades waiting now (summed over proxy workers). */
  held: number;
  /** When the longest-waiting of them arrived (ISO), or null when none waits. */
  oldestHeldSince: string | null;
}

/** The single source of truth's snapshot, pushed to every view on each change. */
export interface TurnoutState {
  /** Grows by one on every change, so a view can drop stale snapshots. */
  revision: number;
  profile: {
    name: string;
    listen: string;
    routing: RoutingMethod;
    demo: boolean;
    /** The ratio the update flow restores at its end, if one is set. */
    restoreWeights: Weights | null;
    /**
     * Which engine carries the traffic, what choosing it costs (null: nothing to say), and how
     * many proxy worker processes share the listen address (1: the embedded proxy runs inside
     * Turnout; always 1 for an external engine).
     */
    dataPlane?: {
      kind: DataPlaneKind;
      warning: string | null;
      workers: number;
      /** What stops the engine from being steered right now (an attached HAProxy's socket went away, a refused change); null: nothing. */
      problem?: string | null;
    };
  };
  /** `paused`: paused on purpose (setPaused, any mode); `listening` is false meanwhile only in `close` mode. */
  proxy: { url: string; listening: boolean; paused: boolean };
  /** The pause in force, with what a hold is holding now; null (or absent) when not paused. */
  pause?: PauseView | null;
  environments: EnvironmentView[];
  /** The active profile's presets, built-ins first: the window and the tray show them. */
  presets: PresetView[];
  /** Every profile's name, for the switcher (details: getProfile). */
  profileNames: string[];
  /** Whether `undo` has a ratio change to take back. */
  canUndo: boolean;
  /** The demo apps, their faults and the load generator; null unless the profile is a demo. */
  demo: DemoView | null;
  /** The guided update: running, or the last one finished; null if none ran since start. */
  flow: FlowView | null;
  /** The environments the active profile runs itself (run/compose), with their last lines; absent or empty: none. */
  managed?: ManagedView[];
  /**
   * Under round robin, traffic that needs every request of a client on one environment was
   * seen (Socket.IO long-polling, a session cookie set by an environment): why, in words.
   * Views offer sticky routing. Null when not seen, or routing is not round robin.
   */
  affinityHint: string | null;
}

/** Who asked for a change: recorded in the history. */
export type ChangeSource = 'window' | 'tray' | 'cli' | 'api' | 'auto';
export const CHANGE_SOURCES: readonly ChangeSource[] = ['window', 'tray', 'cli', 'api', 'auto'];
