import { spawn } from 'node:child_process';

export interface CommandResult {
  code: number | null;
  /** Set when it did not run to an exit code: could not start, killed, timed out. */
  error?: string;
}

/**
 * Runs an update command through the shell (it is a line the user wrote, e.g.
 * `docker compose up -d blue`), reporting each output line as it comes. Its own process
 * group, so abort stops the whole pipeline, not only the shell.
 */
export function runShellCommand(
  command: string,
  onLine: (line: string) => void,
  signal: AbortSignal,
  timeoutMs = 600_000,
  where: { cwd?: string | undefined; env?: Record<string, string> } = {},
): Promise<CommandResult> {
  return new Promise((resolve) => {
    const child = spawn(command, { shell: true, detached: process.platform !== 'win32', stdio: ['ignore', 'pipe', 'pipe'], cwd: where.cwd, env: { ...process.env, ...where.env } });
    let settled = false;
    const done = (result: CommandResult): void => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      signal.removeEventListener('abort', onAbort);
      resolve(result);
    };
    const kill = (): void => {
      try {
        if (child.pid !== undefined && process.platform !== 'win32') process.kill(-child.pid, 'SIGTERM');
        else child.kill('SIGTERM');
      } catch {
        // Already gone.
      }
    };
    const onAbort = (): void => {
      kill();
      done({ code: null, error: 'was stopped' });
    };
    const timer = setTimeout(() => {
      kill();
      done({ code: null, error: `did not finish within ${Math.round(timeoutMs / 1000)} s` });
    }, timeoutMs);
    signal.addEventListener('abort', onAbort, { once: true });
    for (const stream of [child.stdout, child.stderr]) {
      let partial = '';
      stream.setEncoding('utf8');
      stream.on('data', (chunk: string) => {
        const lines = (partial + chunk).split(/\r?\n/);
        partial = lines.pop()!;
        lines.forEach(onLine);
      });
      stream.on('end', () => partial && onLine(partial));
    }
    child.on('error', (error) => done({ code: null, error: `could not start: ${error.message}` }));
    child.on('close', (code) => done({ code }));
  });
}
