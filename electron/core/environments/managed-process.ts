import { spawn, type ChildProcess } from 'node:child_process';
import type { ManagedState, ManagedView } from '../../../shared/contract/managed';
import type { ManagedCommands } from '../../../shared/domain/managed';
import { runShellCommand, type CommandResult } from '../flow/command';
import { probe, type ProbeTarget } from '../health/probe';
import { lineSplitter, LogRing } from './log-ring';

export interface SupervisorTiming {
  /** First restart delay; doubles with each crash in a row, up to `maxBackoffMs`. */
  backoffMs: number;
  maxBackoffMs: number;
  /** Running this long without a crash resets the doubling. */
  stableMs: number;
  /** SIGTERM, then SIGKILL after this long. */
  stopGraceMs: number;
  /** How often a starting process's health check is tried. */
  readyPollMs: number;
}

export const DEFAULT_TIMING: SupervisorTiming = { backoffMs: 500, maxBackoffMs: 30_000, stableMs: 30_000, stopGraceMs: 5000, readyPollMs: 250 };

const LAST_LINES = 20;

/**
 * One environment Turnout runs: spawns its command in its own process group, keeps its
 * output in a bounded ring, watches its health check until it answers, and restarts it with
 * a doubling backoff when it exits on its own. Stopping ends the whole group (SIGTERM, then
 * SIGKILL after a grace), so a shell's children go too.
 */
export class ManagedProcess {
  readonly logs = new LogRing();
  private child: ChildProcess | undefined;
  private state: ManagedState = 'stopped';
  private crashes = 0;
  /** Crashes in a row (reset after a stable run): what the backoff doubles on. */
  private streak = 0;
  private lastExit: ManagedView['lastExit'] = null;
  private nextRestartAt: number | null = null;
  private restartTimer: NodeJS.Timeout | undefined;
  private stableTimer: NodeJS.Timeout | undefined;
  private exited: Promise<void> = Promise.resolve();
  /** Bumped on every start and stop: a probe or timer of an older run sees it is stale. */
  private generation = 0;

  constructor(
    readonly name: string,
    private commands: ManagedCommands,
    private readonly target: ProbeTarget,
    private readonly onChange: () => void,
    private readonly timing: SupervisorTiming = DEFAULT_TIMING,
  ) {}

  get current(): ManagedState {
    return this.state;
  }

  view(): ManagedView {
    return {
      name: this.name,
      state: this.state,
      command: this.commands.start,
      pid: this.child?.pid ?? null,
      crashes: this.crashes,
      lastExit: this.lastExit,
      nextRestartAt: this.nextRestartAt,
      keepRunningOnQuit: this.commands.keepRunningOnQuit,
      lastLines: this.logs.tail(LAST_LINES),
    };
  }

  /**
   * Starts it (unless its command is unconfirmed, or something already answers on its
   * port). Resolves once it answers its health check, or `readyTimeoutMs` passed.
   */
  async start(readyTimeoutMs = 0): Promise<void> {
    if (!this.commands.confirmed) {
      this.set('unconfirmed');
      this.logs.add('turnout', `not started: "${this.commands.start}" came with an import; confirm it once to run it`);
      return;
    }
    if (this.child) return;
    if ((await probe({ ...this.target, check: { ...this.target.check, timeoutMs: Math.min(this.target.check.timeoutMs, 1000) } })).ok) {
      this.set('external');
      this.logs.add('turnout', `something already answers at ${this.target.url}: using it as it is (not started, not supervised)`);
      return;
    }
    this.spawn();
    if (readyTimeoutMs > 0) await this.whenReady(readyTimeoutMs);
  }

  /** Takes the confirmed commands (the user said yes once); `start`: and starts them if not running. */
  async confirm(commands: ManagedCommands, start: boolean): Promise<void> {
    this.commands = commands;
    if (start && this.state === 'unconfirmed') await this.start();
  }

  /** Resolves once running (true), or false when `timeoutMs` passed or it stopped or crashed first. */
  async whenReady(timeoutMs: number): Promise<boolean> {
    const until = Date.now() + timeoutMs;
    while (Date.now() < until) {
      if (this.state === 'running' || this.state === 'external') return true;
      if (this.state === 'stopped' || this.state === 'unconfirmed' || this.state === 'crashed') return false;
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    return this.state === 'running';
  }

  /**
   * Stops it for good: the process group gets SIGTERM, then SIGKILL after the grace; a
   * compose service also gets its stop command. `quitting` with keepRunningOnQuit leaves it running.
   */
  async stop(quitting = false): Promise<void> {
    this.generation++;
    clearTimeout(this.restartTimer);
    clearTimeout(this.stableTimer);
    this.nextRestartAt = null;
    const child = this.child;
    if (quitting && this.commands.keepRunningOnQuit && child) {
      // Left running on purpose: let go of it so Turnout can exit.
      this.logs.add('turnout', `left running (pid ${child.pid}): keepRunningOnQuit`);
      child.stdout?.destroy();
      child.stderr?.destroy();
      child.unref();
      this.child = undefined;
      this.set('stopped');
      return;
    }
    if (child) {
      this.set('stopping');
      const until = Date.now() + this.timing.stopGraceMs;
      signalGroup(child, 'SIGTERM');
      // The shell may be gone before the app it started: wait for the whole group, then SIGKILL what is left.
      while (Date.now() < until && (this.child === child || groupAlive(child))) await new Promise((resolve) => setTimeout(resolve, 25));
      signalGroup(child, 'SIGKILL');
      await this.exited;
      if (this.commands.stop) await runOnce(this.commands.stop, this.commands, (line) => this.logs.add('turnout', line));
    }
    if (this.state !== 'unconfirmed' && this.state !== 'external') this.set('stopped');
  }

  /** Stops it and starts it again on the same port (an update recipe ran meanwhile). */
  async restart(readyTimeoutMs: number): Promise<boolean> {
    await this.stop();
    this.spawn();
    return readyTimeoutMs > 0 ? this.whenReady(readyTimeoutMs) : true;
  }

  /**
   * The guided update's "update" step (the environment is drained): runs `recipe` (e.g.
   * `git pull && npm ci`) in the environment's directory while the old process still runs,
   * its output in the logs; on exit 0 restarts the process on the same port and waits for its
   * health check. A failed recipe leaves the old process as it was (the flow keeps it at 0).
   */
  async runRecipe(recipe: string, onLine: (line: string) => void, signal: AbortSignal, readyTimeoutMs: number): Promise<CommandResult> {
    const say = (text: string): void => {
      this.logs.add('turnout', text);
      onLine(`[turnout] ${text}`);
    };
    say(`update: running ${recipe}`);
    const result = await runShellCommand(recipe, (line) => {
      this.logs.add('stdout', line);
      onLine(line);
    }, signal, undefined, { cwd: this.commands.cwd, env: this.commands.env });
    if (result.code !== 0) {
      say(`update: ${result.error ?? `exited with ${result.code}`}; the running process is left as it was`);
      return result;
    }
    say('update: done, restarting on the same port');
    const ready = await this.restart(readyTimeoutMs);
    if (ready) return { code: 0 };
    const reason = this.state === 'crashed' ? 'crashed after the update' : `did not answer its health check within ${Math.round(readyTimeoutMs / 1000)} s of the restart`;
    say(`update: ${reason}`);
    return { code: null, error: reason };
  }

  private spawn(): void {
    const generation = ++this.generation;
    const { commands } = this;
    this.logs.add('turnout', `starting: ${commands.start}`);
    const child = spawn(commands.start, {
      shell: true,
      detached: process.platform !== 'win32',
      cwd: commands.cwd,
      env: { ...process.env, ...commands.env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    this.child = child;
    this.set('starting');
    for (const [stream, name] of [[child.stdout!, 'stdout'], [child.stderr!, 'stderr']] as const) {
      const splitter = lineSplitter((text) => this.logs.add(name, text));
      stream.setEncoding('utf8');
      stream.on('data', (chunk: string) => splitter.push(chunk));
      stream.on('end', () => splitter.end());
      stream.on('error', () => undefined);
    }
    this.exited = new Promise((resolve) => {
      child.on('error', (error) => {
        this.logs.add('turnout', `could not start: ${error.message}`);
      });
      child.on('exit', (code, signal) => {
        // A crash: whatever the shell left behind in its group goes with it (a restart needs the port).
        // A stop waits for the group itself (stop()).
        if (generation === this.generation) signalGroup(child, 'SIGKILL');
        if (this.child === child) this.child = undefined;
        this.lastExit = { at: Date.now(), code, signal };
        if (generation === this.generation) this.crashed(code, signal);
        resolve();
      });
    });
    void this.watchReady(generation);
  }

  private crashed(code: number | null, signal: string | null): void {
    clearTimeout(this.stableTimer);
    this.crashes++;
    this.streak++;
    const delay = Math.min(this.timing.backoffMs * 2 ** (this.streak - 1), this.timing.maxBackoffMs);
    this.nextRestartAt = Date.now() + delay;
    this.logs.add('turnout', `exited (${signal ? `signal ${signal}` : `code ${code}`}): crashed ${this.crashes} time${this.crashes === 1 ? '' : 's'}, restarting in ${delay} ms`);
    this.set('crashed');
    const generation = this.generation;
    this.restartTimer = setTimeout(() => {
      if (generation !== this.generation) return;
      this.nextRestartAt = null;
      this.spawn();
    }, delay);
  }

  /** Polls the health check while starting: traffic waits for it (the data plane's own probes decide). */
  private async watchReady(generation: number): Promise<void> {
    while (generation === this.generation && this.state === 'starting') {
      const result = await probe(this.target);
      if (generation !== this.generation || this.state !== 'starting') return;
      if (result.ok) {
        this.logs.add('turnout', `answering its health check at ${this.target.url}`);
        this.set('running');
        this.stableTimer = setTimeout(() => (this.streak = 0), this.timing.stableMs);
        return;
      }
      await new Promise((resolve) => setTimeout(resolve, this.timing.readyPollMs));
    }
  }

  private set(state: ManagedState): void {
    if (this.state === state) return;
    this.state = state;
    this.onChange();
  }
}

function signalGroup(child: ChildProcess, signal: NodeJS.Signals): void {
  try {
    if (child.pid !== undefined && process.platform !== 'win32') process.kill(-child.pid, signal);
    else child.kill(signal);
  } catch {
    // Already gone.
  }
}

function groupAlive(child: ChildProcess): boolean {
  if (child.pid === undefined || process.platform === 'win32') return false;
  try {
    process.kill(-child.pid, 0);
    return true;
  } catch {
    return false;
  }
}

/** Runs a short command (compose's stop) to its end, its output as log lines. */
function runOnce(command: string, commands: ManagedCommands, onLine: (line: string) => void): Promise<void> {
  return new Promise((resolve) => {
    const child = spawn(command, { shell: true, cwd: commands.cwd, env: { ...process.env, ...commands.env }, stdio: ['ignore', 'pipe', 'pipe'] });
    for (const stream of [child.stdout!, child.stderr!]) {
      const splitter = lineSplitter(onLine);
      stream.setEncoding('utf8');
      stream.on('data', (chunk: string) => splitter.push(chunk));
      stream.on('end', () => splitter.end());
    }
    child.on('error', (error) => {
      onLine(`could not run "${command}": ${error.message}`);
      resolve();
    });
    child.on('close', () => resolve());
  });
}
