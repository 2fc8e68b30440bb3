import { HISTORY_KINDS } from '../../../shared/contract/history';
import { DATA_PLANE_KINDS } from '../../../shared/domain/data-plane-mode';
import { routingMethodSchema } from '../../../shared/domain/profile';
import { COMMANDS, isGroup, PUBLIC_COMMANDS } from './commands';
import { commandOptions, type Command, type Completes } from './common';

/**
 * What `turnout completion` completes, read from the command table (commands.ts) and each
 * command's own flags (the options runCommand parses), so a new command or flag completes
 * without anyone keeping a second list.
 */

/** A flag's value, by the flag's name: the same name means the same kind of value in every command. */
const FLAG_VALUES: Record<string, Completes> = {
  db: 'file',
  out: 'file',
  profile: 'profile',
  routing: routingMethodSchema.options,
  'data-plane': DATA_PLANE_KINDS,
  kind: HISTORY_KINDS,
};

export interface Leaf {
  /** "status", "profile use". */
  path: string;
  flags: string[];
  /** The flags that take a value: the word after one is that value, not an argument. */
  valueFlags: string[];
  args?: Completes;
  flagValues: Record<string, Completes>;
}

export interface CompletionTable {
  /** Subcommands by group ("" for the top level). */
  subcommands: Record<string, string[]>;
  leaves: Leaf[];
}

function leaf(path: string, command: Command): Leaf {
  const options = Object.entries(commandOptions(command) ?? {});
  const valueFlags = options.filter(([, option]) => option.type === 'string').map(([name]) => name);
  const flagValues = Object.fromEntries(valueFlags.filter((name) => Object.hasOwn(FLAG_VALUES, name)).map((name) => [`--${name}`, FLAG_VALUES[name]!]));
  return {
    path,
    flags: options.map(([name]) => `--${name}`),
    valueFlags: valueFlags.map((name) => `--${name}`),
    ...(command.completes !== undefined ? { args: command.completes } : {}),
    flagValues,
  };
}

/** Loads every command module (once, when a script is generated; never on a TAB). */
export async function completionTable(): Promise<CompletionTable> {
  const table: CompletionTable = { subcommands: { '': PUBLIC_COMMANDS }, leaves: [] };
  for (const name of PUBLIC_COMMANDS) {
    const target = await COMMANDS[name]!();
    if (!isGroup(target)) {
      table.leaves.push(leaf(name, target));
      continue;
    }
    table.subcommands[name] = Object.keys(target.commands);
    for (const [sub, command] of Object.entries(target.commands)) table.leaves.push(leaf(`${name} ${sub}`, command));
  }
  return table;
}
