import type { Weights } from '../domain/ratio';

/**
 * The guided update as every view sees it (`TurnoutState.flow`): its steps, the one that
 * is active, and exactly what that step waits for. Built by the step machine in
 * electron/core/flow; views only render it and call updateNext / updateAbort.
 */

export type FlowStatus = 'running' | 'done' | 'aborted' | 'rolled-back' | 'failed';
export type FlowStepKind = 'drain' | 'update' | 'verify' | 'held' | 'swap' | 'ramp' | 'restore';
export type FlowStepState = 'pending' | 'active' | 'done' | 'failed';

export interface FlowStepView {
  kind: FlowStepKind;
  /** The environment it acts on (drain, update, verify). */
  env: string | null;
  /** The ratio the step applies when it begins, if any. */
  weights: Weights | null;
  /** Ramp steps: hold time and whether a person must let it go on. */
  holdMs: number;
  gate: boolean;
  state: FlowStepState;
  /** "Drain blue", "Ramp green to 25 %"... */
  label: string;
}

/**
 * What the active step waits for:
 * drained (nothing in flight or open; `drain` has the live counts and the schedule), user (the user updates it by hand, then updateNext), confirm-command (an imported command
 * awaits a first yes: updateNext runs it, updateNext {manual:true} skips it), command (it is
 * running), health (rise consecutive good probes after the update), smoke (the smoke request
 * is out), hold (a ramp step's time), gate (updateNext to go on), rollback (walking back),
 * held (the held step: traffic is held while its command runs; `held` has the counts).
 */
export type FlowWaitKind = 'drained' | 'user' | 'confirm-command' | 'command' | 'health' | 'smoke' | 'hold' | 'gate' | 'rollback' | 'held' | 'shadow';

export interface FlowWait {
  kind: FlowWaitKind;
  env: string | null;
  /** One line for a person: "blue: 3 in flight, 1 WebSocket open". */
  message: string;
  /** Epoch ms when the wait ends by itself (hold, drain deadline, verify timeout), if it does. */
  until: number | null;
  /** While draining: what is still open on the environment and when each kind is ended. */
  drain?: DrainMeter;
  /** The held step: what it is doing and how many requests the proxy holds now. */
  held?: HeldMeter;
}

/**
 * The held step as views show it: `holding` (the hold is being applied), `quiet` (waiting
 * for requests already in flight to finish), `running` (the command runs, nothing reaches
 * an environment); `requests` held now, `since` (epoch ms) the hold began.
 */
export interface HeldMeter {
  phase: 'holding' | 'quiet' | 'running';
  requests: number;
  inFlight: number;
  since: number;
}

/**
 * An update drain as a meter: the environment's live counts and the schedule (epoch ms) that
 * ends them (shared/domain/update-plan.ts, drainSettingsSchema). "Safe to update" comes only
 * when every count is 0 and, with sticky routing, the session window has closed.
 */
export interface DrainMeter {
  /** Requests in flight, event streams among them. */
  inFlight: number;
  streams: number;
  webSockets: number;
  /** Sticky routing: clients pinned there keep it until `sessionsAt`. */
  sticky: boolean;
  sessionsAt: number;
  sessionsClosed: boolean;
  /** WebSockets get 1001 Going Away and event streams end at `connectionsAt`. */
  connectionsAt: number;
  connectionsEnded: boolean;
  /** What is still in flight at `cutAt` is cut. */
  cutAt: number;
}

/** The guard's last verdict during a ramp: the figures it compared. */
export interface GuardView {
  newErrorRate: number;
  oldErrorRate: number;
  newP99Ms: number;
  oldP99Ms: number;
  newRequests: number;
  /** Why it rolled back, once it did. */
  breach: string | null;
}

export interface FlowView {
  /** Start time in epoch ms: tells one run from the next. */
  id: number;
  plan: 'blue-green' | 'ramp';
  /** The environment updated first (the "new" side of a ramp). */
  first: string;
  status: FlowStatus;
  steps: FlowStepView[];
  /** Index of the active step; -1 once the flow has ended. */
  current: number;
  waitingFor: FlowWait | null;
  /** The ratio restored at the end. */
  restoreWeights: Weights;
  /** Where an abort goes now. */
  safeWeights: Weights;
  /** The command being run (or last run) and its newest output lines. */
  command: { env: string; command: string; running: boolean; exitCode: number | null; output: string[] } | null;
  guard: GuardView | null;
  startedAt: number;
  finishedAt: number | null;
  /** Why it ended other than done (abort, rollback, failure). */
  reason: string | null;
}

/** A notification every view shows: the guard rolled back, a step failed, the flow finished. */
export interface FlowNotice {
  at: number;
  level: 'info' | 'warning' | 'error';
  message: string;
}
