import { parseArgs } from 'node:util';
import { ContractError } from '../../../shared/contract/errors';
import { createHttpClient } from '../../../shared/contract/http';
import type { ContractClient } from '../../../shared/contract/methods';
import { OverrideError } from '../../../shared/domain/override-error';
import { RatioError } from '../../../shared/domain/ratio';
import { ListenError } from '../../core/net/listen';
import { StoreError } from '../../core/store/store-error';
import { resolveLocalServer } from '../local-server';
import { CLIENT_OPTIONS_HELP } from './client-help';
import { httpFetch } from './http-fetch';
import { oneLine } from './one-line';

export { CLIENT_OPTIONS_HELP };

export class UsageError extends Error {
  override name = 'UsageError';
}

export interface CliIo {
  out(line: string): void;
  err(line: string): void;
  env: NodeJS.ProcessEnv;
  /** Reads a file the user named, "-" meaning stdin. */
  readFile?(file: string): Promise<string>;
}

type Options = NonNullable<Parameters<typeof parseArgs>[0]>['options'];
export type Values = Record<string, string | boolean | string[] | boolean[] | undefined>;
export interface Parsed {
  values: Values;
  positionals: string[];
}

/**
 * What a word completes to in the shell (completion.ts): names the running Turnout knows
 * (asked through `turnout __complete`), file names, or fixed words.
 */
export type Completes = 'profile' | 'preset' | 'environment' | 'file' | readonly string[];

/** One leaf command: its help text, its flags, and what it does. */
export interface Command {
  usage: string;
  options?: Options;
  /** Talks to a running Turnout: gets --admin, --token and --json. */
  client?: boolean;
  /** What its positional arguments complete to in the shell (flags: completion.ts). */
  completes?: Completes;
  run(parsed: Parsed, io: CliIo): Promise<number>;
}

/** A command group such as `profile`: its help text and its subcommands. */
export interface Group {
  usage: string;
  commands: Record<string, Command>;
}

const CLIENT_OPTIONS: Options = { admin: { type: 'string' }, token: { type: 'string' }, json: { type: 'boolean' } };

/** Every flag a command takes: what runCommand parses, and what the shell completes. */
export function commandOptions(command: Command): Options {
  return { ...(command.client ? CLIENT_OPTIONS : {}), ...command.options, help: { type: 'boolean', short: 'h' } } as Options;
}

export async function runCommand(command: Command, args: string[], io: CliIo): Promise<number> {
  const options = commandOptions(command);
  let parsed: Parsed;
  try {
    parsed = parseArgs({ args, options, allowPositionals: true, strict: true }) as Parsed;
  } catch (error) {
    // node:util's parse errors run over several lines ("…is ambiguous.\nDid you forget…"): one sentence after another.
    throw new UsageError((error as Error).message.replace(/\s*\n\s*/g, ' '));
  }
  if (parsed.values.help) {
    io.out(command.client ? `${command.usage}\n\n${CLIENT_OPTIONS_HELP}` : command.usage);
    return 0;
  }
  return command.run(parsed, io);
}

/** A command group such as `profile`: picks the subcommand, or prints the group's help. */
export async function runGroup(group: string, usage: string, commands: Record<string, Command>, args: string[], io: CliIo): Promise<number> {
  const [sub, ...rest] = args;
  if (sub === undefined || sub === '--help' || sub === '-h' || sub === 'help') {
    io.out(usage);
    return sub === undefined ? 2 : 0;
  }
  const command = Object.hasOwn(commands, sub) ? commands[sub] : undefined;
  if (!command) throw new UsageError(`unknown command "${group} ${sub}" (${group} commands: ${Object.keys(commands).join(', ')})`);
  return runCommand(command, rest, io);
}

export function connect(values: Values, io: CliIo): ContractClient {
  // The headless server's data dir, or the desktop app's userData (local-server.ts).
  const { adminUrl, token } = resolveLocalServer({ admin: values.admin as string | undefined, token: values.token as string | undefined, env: io.env });
  if (!/^https?:\/\/[^/]+/.test(adminUrl)) throw new UsageError(`--admin "${adminUrl}" must be a URL like http://127.0.0.1:8801`);
  if (!token) throw new UsageError('no admin token: pass --token, set TURNOUT_TOKEN, or run on the machine where serve stored one');
  return createHttpClient({ baseUrl: adminUrl, token, source: 'cli', fetch: httpFetch });
}

/** Prints JSON with --json, else the human form. */
export function print(io: CliIo, values: Values, result: unknown, human: () => string): number {
  io.out(values.json ? JSON.stringify(result, null, 2) : human());
  return 0;
}

export function expectPositionals(parsed: Parsed, command: string, names: string[], optional = 0): string[] {
  const { positionals } = parsed;
  if (positionals.length < names.length - optional || positionals.length > names.length) {
    throw new UsageError(`${command} takes ${names.map((name, i) => (i >= names.length - optional ? `[${name}]` : name)).join(' ') || 'no arguments'}, got "${positionals.join(' ')}"`);
  }
  return positionals;
}

/** Every failure is one printable line on stderr (one-line.ts), whatever the message quotes. */
export function reportError(error: unknown, io: CliIo): number {
  const err = (message: string): void => io.err(`turnout: ${oneLine(message)}`);
  if (error instanceof UsageError) {
    err(`${error.message} (see --help)`);
    return 2;
  }
  if (error instanceof ContractError || error instanceof RatioError || error instanceof OverrideError || error instanceof ListenError || error instanceof StoreError) {
    err(error.message);
    return 1;
  }
  if (error instanceof TypeError && error.message === 'fetch failed') {
    // fetch (and httpFetch, which rejects alike) hides the socket error in `cause`; name it for the user.
    const cause = (error as { cause?: { code?: string; message?: string } }).cause;
    const reason = cause?.code === 'ECONNREFUSED' ? 'connection refused' : (cause?.code ?? cause?.message ?? 'unreachable');
    err(`no Turnout is running at that admin address (${reason}); start one with: npx turnout serve`);
    return 1;
  }
  err(error instanceof Error ? error.message : String(error));
  return 1;
}
