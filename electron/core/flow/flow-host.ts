import type { FlowNotice } from '../../../shared/contract/flow';
import type { ShadowStatus } from '../../../shared/contract/shadow';
import type { ChangeSource } from '../../../shared/contract/state';
import type { Profile } from '../../../shared/domain/profile';
import type { Weights } from '../../../shared/domain/ratio';
import type { UpdateDrainStep } from '../data-plane';
import type { CommandResult } from './command';
import type { FlowState, Observation, PauseObservation } from './plan';
import type { SmokeResult } from './smoke';

/** What the runner needs from the control service: the same paths every other change takes. */
export interface FlowHost {
  profile(): Profile;
  weights(): Weights;
  /** Live status of one environment, or undefined if the running profile has none by that name. */
  observe(name: string): Observation | undefined;
  proxyUrl(): string;
  setRatio(weights: Weights, source: ChangeSource, action: string): void;
  setRestoreWeights(weights: Weights | null): void;
  confirmCommand(env: string, source: ChangeSource): void;
  record(source: ChangeSource, action: string, before: unknown, after: unknown): void;
  notice(notice: FlowNotice): void;
  /** The proxy's pause now (null: none), for the held step. */
  pause(): PauseObservation | null;
  /** Holds every new request (a `hold` pause, stored); rejects if the proxy cannot hold or is paused already. */
  holdTraffic(timeoutMs: number, source: ChangeSource): Promise<void>;
  /** Lifts the hold the flow put in place (a pause someone changed since is left alone). */
  releaseTraffic(source: ChangeSource): Promise<void>;
  /** One step of an update drain (data-plane.ts, UpdateDrainStep). */
  updateDrain(env: string, step: UpdateDrainStep): void;
  /**
   * Applies a step's ratio on an engine that confirms changes and resolves once it is in force
   * (rejects: not applied); null when the engine needs no confirmation (ratio-gate.ts).
   */
  confirmRatio?(weights: Weights): Promise<void> | null;
  /** The shadow gate (inspect/shadow.ts): copies to `env`; throws (one line) where it cannot run. */
  shadowStart?(env: string, percent: number): void;
  shadowStop?(): void;
  shadowStatus?(): ShadowStatus | null;
  /** The view changed: push a state event. */
  changed(): void;
  /**
   * The one seam to managed environments (environments/): runs `command` as the update recipe
   * of an environment Turnout runs itself (recipe, restart, health), or returns null for one it does not.
   */
  runUpdate?(env: string, command: string, onLine: (line: string) => void, signal: AbortSignal): Promise<CommandResult> | null;
  /** Stores the running flow's state (null: none runs any more); called inside `atomically`. */
  persist(state: FlowState | null): void;
  /** Runs a transition's effects and its persisting in one store transaction. */
  atomically(work: () => void): void;
}

export interface FlowClock {
  now(): number;
  setTimeout(run: () => void, ms: number): unknown;
  clearTimeout(handle: unknown): void;
}

export interface FlowRunnerOptions {
  clock?: FlowClock;
  /** How often live status is looked at while a flow runs. */
  tickMs?: number;
  runCommand?: (command: string, onLine: (line: string) => void, signal: AbortSignal) => Promise<CommandResult>;
  smoke?: (proxyUrl: string, env: string, path: string, expectStatus: number) => Promise<SmokeResult>;
}

/** Real time; timers do not keep the process alive. */
export const realClock: FlowClock = {
  now: () => Date.now(),
  setTimeout: (run, ms) => setTimeout(run, ms).unref(),
  clearTimeout: (handle) => clearTimeout(handle as NodeJS.Timeout),
};
