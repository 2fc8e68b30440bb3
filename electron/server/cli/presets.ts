import { parseRatio } from '../../../shared/domain/ratio';
import { formatState } from '../cli-output';
import { connect, expectPositionals, print, runGroup, type CliIo, type Command } from './common';
import { formatPresets } from './format';

/** `turnout preset ...`: named ratios of the active profile. */

export const PRESET_USAGE = `Usage: turnout preset <command> [options]

Commands (on the active profile):
  list                 built-in and saved presets
  apply NAME           set the ratio to a preset
  save NAME [RATIO]    save the current ratio (or RATIO, e.g. 90:10) under NAME
  delete NAME          delete a saved preset

Each takes --help, --json, --admin URL and --token TOKEN.`;

const list: Command = {
  usage: 'Usage: turnout preset list [--json]',
  client: true,
  async run(parsed, io) {
    expectPositionals(parsed, 'preset list', []);
    const presets = await connect(parsed.values, io).listPresets({});
    return print(io, parsed.values, presets, () => formatPresets(presets));
  },
};

const apply: Command = {
  usage: 'Usage: turnout preset apply NAME [--json]\n\nSets the ratio to the preset, e.g. "turnout preset apply 100:0".',
  client: true,
  completes: 'preset',
  async run(parsed, io) {
    const [name] = expectPositionals(parsed, 'preset apply', ['NAME']);
    const state = await connect(parsed.values, io).applyPreset({ name: name! });
    return print(io, parsed.values, state, () => formatState(state));
  },
};

const save: Command = {
  usage: 'Usage: turnout preset save NAME [RATIO] [--json]\n\nSaves the current ratio, or RATIO ("90:10" or "blue=90"), as a preset of the active profile.',
  client: true,
  async run(parsed, io) {
    const [name, ...ratio] = parsed.positionals;
    expectPositionals({ ...parsed, positionals: parsed.positionals.slice(0, 1) }, 'preset save', ['NAME']);
    const client = connect(parsed.values, io);
    let weights;
    if (ratio.length > 0) {
      const state = await client.getState({});
      weights = parseRatio(ratio.join(' '), state.environments.map((env) => env.name));
    }
    const presets = await client.savePreset({ name: name!, ...(weights ? { weights } : {}) });
    return print(io, parsed.values, presets, () => formatPresets(presets));
  },
};

const remove: Command = {
  usage: 'Usage: turnout preset delete NAME [--json]',
  client: true,
  completes: 'preset',
  async run(parsed, io) {
    const [name] = expectPositionals(parsed, 'preset delete', ['NAME']);
    const presets = await connect(parsed.values, io).deletePreset({ name: name! });
    return print(io, parsed.values, presets, () => formatPresets(presets));
  },
};

export const PRESET_COMMANDS: Record<string, Command> = { list, apply, save, delete: remove };

export function preset(args: string[], io: CliIo): Promise<number> {
  return runGroup('preset', PRESET_USAGE, PRESET_COMMANDS, args, io);
}
