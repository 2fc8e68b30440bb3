/** Managed environments (shared/domain/managed.ts) as the views see them. */

/** One line of an environment's output, numbered so a follower can ask for what came after. */
export interface LogLine {
  seq: number;
  at: number;
  /** `turnout`: what Turnout itself says about the process (started, exited, restarting). */
  stream: 'stdout' | 'stderr' | 'turnout';
  text: string;
}

/**
 * - `unconfirmed`: its command came with an import and has not been confirmed yet: never run.
 * - `starting`: running, its health check not passed yet (no traffic until the health check says up).
 * - `running`: answering its health check.
 * - `crashed`: exited on its own; restarted after a backoff (`nextRestartAt`).
 * - `external`: something already answered on its port when Turnout came to start it
 *   (left running by an earlier Turnout, or started by hand): used, not supervised.
 */
export type ManagedState = 'unconfirmed' | 'starting' | 'running' | 'crashed' | 'stopping' | 'stopped' | 'external' | 'updating';

export interface ManagedView {
  name: string;
  state: ManagedState;
  /** The command as it runs (placeholders filled in). */
  command: string;
  pid: number | null;
  /** Times it exited on its own since Turnout started it. */
  crashes: number;
  lastExit: { at: number; code: number | null; signal: string | null } | null;
  /** When the next restart is due (epoch ms), while crashed. */
  nextRestartAt: number | null;
  keepRunningOnQuit: boolean;
  /** The last few lines of output, shown beside a crash. */
  lastLines: LogLine[];
}

/** The `environmentLog` event: one new line of one environment's output. */
export interface EnvironmentLogEvent {
  environment: string;
  line: LogLine;
}
