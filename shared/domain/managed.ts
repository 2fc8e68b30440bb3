import { z } from 'zod';

/**
 * How Turnout runs an environment itself (a "managed" environment): a shell command, or a
 * docker compose service driven through plain `docker compose` commands. Pure: the
 * supervisor in electron/core/environments turns these into processes.
 */

const command = z.string().trim().min(1, 'must not be empty').max(2000, 'must be at most 2000 characters');

/** What every way of running shares. */
const common = {
  /** The guided update's "update" step runs this while the environment is drained, then restarts it (e.g. `git pull && npm ci`). */
  update: command.optional(),
  /** Leave the process running when Turnout quits (it is still stopped when the profile is switched away). */
  keepRunningOnQuit: z.boolean().default(false),
  /**
   * Whether the user has agreed to run these commands. An import resets it to false, so a
   * shared file runs nothing before its owner says yes once (as for update commands).
   */
  confirmed: z.boolean().default(false),
};

export const runSpecSchema = z
  .object({
    /** Run by the shell; `{port}` (from the environment's URL) and `{name}` are filled in. */
    command,
    cwd: z.string().trim().min(1, 'must not be empty').max(1000, 'must be at most 1000 characters').optional(),
    env: z.record(z.string().regex(/^[A-Za-z_][A-Za-z0-9_]*$/, 'must be a variable name'), z.string().max(4000, 'must be at most 4000 characters')).default({}),
    ...common,
  })
  .strict();
export type RunSpec = z.infer<typeof runSpecSchema>;

export const composeSpecSchema = z
  .object({
    service: z.string().regex(/^[A-Za-z0-9][A-Za-z0-9_.-]{0,62}$/, 'must be a compose service name'),
    /** The compose file (`-f`); none: docker compose finds it in the working directory. */
    file: z.string().trim().min(1, 'must not be empty').max(1000, 'must be at most 1000 characters').optional(),
    cwd: z.string().trim().min(1, 'must not be empty').max(1000, 'must be at most 1000 characters').optional(),
    ...common,
  })
  .strict();
export type ComposeSpec = z.infer<typeof composeSpecSchema>;

/** What the supervisor runs for one environment. */
export interface ManagedCommands {
  /** Stays in the foreground while the environment runs; its exit is a crash. */
  start: string;
  /** Run after the start command's process group is stopped (compose: stop the container too). */
  stop: string | null;
  update: string | null;
  cwd: string | undefined;
  env: Record<string, string>;
  keepRunningOnQuit: boolean;
  confirmed: boolean;
}

/** Single-quotes a word for a POSIX shell. */
export function shellQuote(word: string): string {
  return /^[A-Za-z0-9_./:=@%+-]+$/.test(word) ? word : `'${word.replace(/'/g, `'\\''`)}'`;
}

export function fillPlaceholders(template: string, values: { port: number; name: string }): string {
  return template.replace(/\{port\}/g, String(values.port)).replace(/\{name\}/g, values.name);
}

/** The port an environment listens on, from its URL (80/443 when the URL names none). */
export function portOfUrl(url: string): number {
  const match = /^(https?):\/\/(\[[^\]]+\]|[^/:?#]+)(?::(\d+))?/.exec(url);
  if (!match) throw new Error(`not an http(s) URL: ${url}`);
  return match[3] ? Number(match[3]) : match[1] === 'https' ? 443 : 80;
}

/**
 * The commands for a managed environment, or null if Turnout does not run it. Compose
 * runs `docker compose up` in the foreground (so its exit is seen) with PORT set, and
 * `docker compose stop` after; the port also goes in as PORT for a run command.
 */
export function managedCommands(env: { name: string; url: string; run?: RunSpec | undefined; compose?: ComposeSpec | undefined }): ManagedCommands | null {
  const values = { port: portOfUrl(env.url), name: env.name };
  const baseEnv = { PORT: String(values.port), TURNOUT_ENV: env.name };
  if (env.run) {
    const { run } = env;
    const filled = Object.fromEntries(Object.entries(run.env).map(([key, value]) => [key, fillPlaceholders(value, values)]));
    return {
      start: fillPlaceholders(run.command, values),
      stop: null,
      update: run.update ? fillPlaceholders(run.update, values) : null,
      cwd: run.cwd,
      env: { ...baseEnv, ...filled },
      keepRunningOnQuit: run.keepRunningOnQuit,
      confirmed: run.confirmed,
    };
  }
  if (env.compose) {
    const { compose } = env;
    const base = `docker compose${compose.file ? ` -f ${shellQuote(compose.file)}` : ''}`;
    const service = shellQuote(compose.service);
    return {
      start: `${base} up --no-log-prefix ${service}`,
      stop: `${base} stop ${service}`,
      update: compose.update ? fillPlaceholders(compose.update, values) : null,
      cwd: compose.cwd,
      env: baseEnv,
      keepRunningOnQuit: compose.keepRunningOnQuit,
      confirmed: compose.confirmed,
    };
  }
  return null;
}

/** The same environments with every managed command unconfirmed: what an import stores. */
export function withUnconfirmedManaged<P extends { environments: readonly { run?: RunSpec | undefined; compose?: ComposeSpec | undefined }[] }>(profile: P): P {
  const environments = profile.environments.map((env) => ({
    ...env,
    ...(env.run ? { run: { ...env.run, confirmed: false } } : {}),
    ...(env.compose ? { compose: { ...env.compose, confirmed: false } } : {}),
  }));
  return { ...profile, environments };
}
