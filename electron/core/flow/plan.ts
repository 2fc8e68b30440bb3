import type { ChangeSource } from '../../../shared/contract/state';
import type { FlowStepView, FlowView, FlowNotice } from '../../../shared/contract/flow';
import type { Health } from '../../../shared/contract/state';
import type { MetricsSample } from '../../../shared/contract/metrics';
import type { ShadowStatus } from '../../../shared/contract/shadow';
import type { Weights } from '../../../shared/domain/ratio';
import { shareWeights, type DrainSettings, type HeldStep, type RampPlan, type ShadowGate, type Smoke, type UpdateCommand } from '../../../shared/domain/update-plan';
import type { UpdateDrainStep } from '../data-plane';
import type { GuardSample } from './guard';

/** The step machine's vocabulary: what it is told, what it keeps, and what it asks for. */

export interface FlowEnvironment {
  name: string;
  /** Consecutive good probes verify needs after an update (the environment's `rise`). */
  rise: number;
  healthEnabled: boolean;
  command: UpdateCommand | null;
}

export interface FlowConfig {
  first: string;
  plan: 'blue-green' | RampPlan;
  /** In profile order. */
  environments: FlowEnvironment[];
  smoke: Smoke | null;
  drain: DrainSettings;
  /** Sticky routing: a drain waits for its session window before it can be drained. */
  sticky: boolean;
  verifyTimeoutMs: number;
  /** A command run with traffic held before the swap or ramp (held-step.ts); absent in flows stored before it existed. */
  heldStep?: HeldStep | null;
  /** The shadow gate after verify (shadow-gate.ts); absent in flows stored before it existed. */
  shadowGate?: ShadowGate | null;
}

/** One environment as the runner last saw it. */
/** The proxy's pause as the runner last saw it (the held step watches that its hold stays). */
export interface PauseObservation {
  mode: 'hold' | 'stop' | 'close';
  held: number;
}

export interface Observation {
  /** Drained, and has stayed so for a moment (flow-handlers.ts, DRAIN_SETTLE_MS). */
  drained: boolean;
  health: Health;
  lastProbe: { at: number; ok: boolean } | null;
  inFlight: number;
  openWebSockets: number;
  openStreams: number;
}

export type FlowEvent =
  | { type: 'observe'; now: number; environments: Record<string, Observation>; pause?: PauseObservation | null }
  | { type: 'next'; now: number; source: ChangeSource; manual: boolean }
  | { type: 'abort'; now: number; source: ChangeSource; reason?: string }
  /** The live ratio is not the one the flow last applied: someone set one by hand meanwhile. */
  | { type: 'ratio-seen'; now: number; weights: Weights }
  | { type: 'command-output'; line: string }
  | { type: 'command-done'; now: number; code: number | null; error?: string }
  | { type: 'smoke-done'; now: number; ok: boolean; detail: string }
  | { type: 'metrics'; now: number; sample: MetricsSample }
  /** The held step's hold is in force in the proxy (or could not be: `error`). */
  | { type: 'hold-applied'; now: number; error?: string }
  /** The shadow gate's results so far (null: the shadow could not start, `error` says why). */
  | { type: 'shadow-progress'; now: number; status: ShadowStatus | null; error?: string };

export type FlowEffect =
  | { type: 'set-ratio'; weights: Weights; source: ChangeSource; action: string }
  | { type: 'record'; source: ChangeSource; action: string; before: unknown; after: unknown }
  | { type: 'set-restore'; weights: Weights | null }
  | { type: 'run-command'; env: string; command: string }
  | { type: 'cancel-command' }
  | { type: 'confirm-command'; env: string; source: ChangeSource }
  | { type: 'smoke'; env: string; path: string; expectStatus: number }
  | { type: 'update-drain'; env: string; step: UpdateDrainStep }
  | { type: 'notice'; notice: FlowNotice }
  /** Hold every new request in the proxy (a `hold` pause with this timeout); then report hold-applied. */
  | { type: 'hold-traffic'; timeoutMs: number; source: ChangeSource }
  /** Lift the flow's hold: held requests go where the ratio says now. */
  | { type: 'release-traffic'; source: ChangeSource }
  /** Start the shadow gate's copies to `env`; stop them. */
  | { type: 'shadow-start'; env: string; percent: number }
  | { type: 'shadow-stop' };

/** Everything the machine knows: the visible part (a FlowView) plus the active step's progress. */
export interface FlowState {
  config: FlowConfig;
  view: FlowView;
  /** The ratio the flow last applied. */
  weights: Weights;
  /** When the active wait ends by itself: grace, hold, verify timeout, a gradual rollback's step. */
  deadline: number | null;
  /** Verify: good probes in a row seen after the step began, and the newest probe time counted. */
  goodProbes: number;
  probeSeen: number;
  guardWindow: GuardSample[];
  /** The running drain's schedule (epoch ms) and which of its steps were taken. */
  drain: DrainClock | null;
  /** Gradual rollback: the ratios still to walk through, last one the safe ratio. */
  rollbackQueue: Weights[];
  /** The held step while it runs (held-step.ts); absent in flows stored before it existed. */
  held?: HeldProgress | null;
}

export interface HeldProgress {
  phase: 'holding' | 'quiet' | 'running';
  /** When the step began (its timeout counts from here) and when the hold was in force. */
  since: number;
  appliedAt: number | null;
}

export interface DrainClock {
  sessionsAt: number;
  connectionsAt: number;
  cutAt: number;
  sessionsClosed: boolean;
  connectionsEnded: boolean;
  cut: boolean;
}

export interface Transition {
  state: FlowState;
  effects: FlowEffect[];
  /** Set when the event was refused (e.g. updateNext while nothing waits for a person). */
  error?: string;
}

const pending = (step: Omit<FlowStepView, 'state' | 'holdMs' | 'gate'> & Partial<Pick<FlowStepView, 'holdMs' | 'gate'>>): FlowStepView => ({ holdMs: 0, gate: false, ...step, state: 'pending' });

/**
 * The steps of one update: drain, update and verify the first environment; swap (or ramp)
 * to it; drain, update and verify each other one (already at 0 after the swap); restore.
 * Ratios are fixed here, from the ratio at the start, so the view shows them in advance.
 */
export function planSteps(config: FlowConfig, start: Weights, restore: Weights): FlowStepView[] {
  const { first } = config;
  const drained = shareWeights(start, first, 0);
  const others = config.environments.map((env) => env.name).filter((name) => name !== first);
  // The shadow gate is the end of the first environment's verify: its step says so up front.
  const gate = config.shadowGate ? `, then shadow-compare ${config.shadowGate.requests} requests` : '';
  const around = (env: string, weights: Weights | null): FlowStepView[] => [
    pending({ kind: 'drain', env, weights, label: `Drain ${env}` }),
    pending({ kind: 'update', env, weights: null, label: `Update ${env}` }),
    pending({ kind: 'verify', env, weights: null, label: `Verify ${env}${env === first ? gate : ''}` }),
  ];
  const middle =
    config.plan === 'blue-green'
      ? [pending({ kind: 'swap', env: null, weights: shareWeights(start, first, 100), label: `Swap: all traffic to ${first}` })]
      : config.plan.steps.map((step) =>
          pending({ kind: 'ramp', env: first, weights: shareWeights(drained, first, step.weight), holdMs: step.holdMs, gate: step.gate, label: `Ramp ${first} to ${step.weight} %` }),
        );
  const held = config.heldStep ? [pending({ kind: 'held', env: null, weights: null, label: `Hold traffic and run "${config.heldStep.command}"` })] : [];
  return [
    ...around(first, drained),
    ...held,
    ...middle,
    ...others.flatMap((env) => around(env, null)),
    pending({ kind: 'restore', env: null, weights: restore, label: 'Restore the original ratio' }),
  ];
}
