import { DRAIN_FLAGS, DRAIN_FLAGS_HELP, drainFlags } from './drain-flags';
import { TLS_FLAGS, TLS_FLAGS_HELP, tlsFlags } from './tls-flags';
import { ROUTING_FLAG_HELP, routingFlag } from './routing-flag';
import fs from 'node:fs/promises';
import { DEFAULT_LISTEN, type ProfileInput } from '../../../shared/domain/profile';
import { describeFirstIssue, profileFileSchema } from '../../../shared/domain/profile-file';
import { applyOverrides, type ProfileOverrides } from '../../../shared/domain/profile-overrides';
import { formatState } from '../cli-output';
import { connect, expectPositionals, print, runGroup, UsageError, type CliIo, type Command, type Values } from './common';
import { applyDataPlaneFlags, DATA_PLANE_FLAGS, DATA_PLANE_FLAGS_HELP, dataPlaneFlags, hasDataPlaneChange } from './data-plane-flags';
import { formatProfile, formatProfiles } from './format';
import { applyInspectFlags, INSPECT_FLAGS, INSPECT_FLAGS_HELP, inspectFlags } from './inspect-flags';

/** `turnout profile ...`: saved setups, one of them active. */

export const PROFILE_USAGE = `Usage: turnout profile <command> [options]

Commands:
  list                      every profile (* marks the active one)
  show [NAME]               one profile in full (default: the active one)
  use NAME                  make NAME active (a new listen address is bound before the old closes)
  create NAME FLAGS         a new profile: --backend NAME=URL (twice or more) [--listen] [--ratio] ...
  edit NAME FLAGS           change a profile (the active one takes effect at once)
  duplicate NAME NEWNAME    copy a profile
  delete NAME               delete a profile (not the active one)
  export [NAME...]          write profiles as JSON (to stdout, or --out FILE)
  import FILE               read profiles from an export ("-" for stdin); all or nothing

Each takes --help, --json, --admin URL and --token TOKEN.`;

const PROFILE_FLAGS_HELP = `  --backend NAME=URL     an environment, repeat for each (replaces all environments)
  --listen HOST:PORT     where clients connect
  --ratio RATIO          e.g. 70:30 or blue=70
${ROUTING_FLAG_HELP}
  --health-path PATH     health-check path of every environment, e.g. /healthz
  --restore-ratio RATIO  the ratio an update restores at its end ("none" clears it)
${DATA_PLANE_FLAGS_HELP}
${DRAIN_FLAGS_HELP}
${TLS_FLAGS_HELP}
${INSPECT_FLAGS_HELP}`;

const PROFILE_FLAGS = {
  backend: { type: 'string', multiple: true },
  listen: { type: 'string' },
  ratio: { type: 'string' },
  routing: { type: 'string' },
  'health-path': { type: 'string' },
  'restore-ratio': { type: 'string' },
  ...DATA_PLANE_FLAGS,
  ...DRAIN_FLAGS,
  ...TLS_FLAGS,
  ...INSPECT_FLAGS,
} as const;

function overridesFrom(values: Values): ProfileOverrides {
  const text = (flag: string): string | undefined => values[flag] as string | undefined;
  const routing = routingFlag(values);
  const overrides: ProfileOverrides = {};
  if (values.backend !== undefined) overrides.backends = values.backend as string[];
  if (text('listen') !== undefined) overrides.listen = text('listen')!;
  if (text('ratio') !== undefined) overrides.ratio = text('ratio')!;
  if (routing !== undefined) overrides.routing = routing;
  if (text('health-path') !== undefined) overrides.healthPath = text('health-path')!;
  if (text('restore-ratio') !== undefined) overrides.restoreRatio = text('restore-ratio')!;
  if (text('name') !== undefined) overrides.name = text('name')!;
  const drain = drainFlags(values);
  if (Object.keys(drain).length > 0) overrides.drain = drain;
  const tls = tlsFlags(values);
  if (tls !== undefined) overrides.tls = tls;
  return overrides;
}

const list: Command = {
  usage: 'Usage: turnout profile list [--json]',
  client: true,
  async run(parsed, io) {
    expectPositionals(parsed, 'profile list', []);
    const profiles = await connect(parsed.values, io).listProfiles({});
    return print(io, parsed.values, profiles, () => formatProfiles(profiles));
  },
};

const show: Command = {
  usage: 'Usage: turnout profile show [NAME] [--json]',
  client: true,
  completes: 'profile',
  async run(parsed, io) {
    const [name] = expectPositionals(parsed, 'profile show', ['NAME'], 1);
    const detail = await connect(parsed.values, io).getProfile(name === undefined ? {} : { name });
    return print(io, parsed.values, detail, () => formatProfile(detail));
  },
};

const use: Command = {
  usage: 'Usage: turnout profile use NAME [--json]\n\nMakes NAME the active profile. In-flight requests on the old listener finish; if the new\nlisten address cannot be bound, the old profile stays active and the error is reported.',
  client: true,
  completes: 'profile',
  async run(parsed, io) {
    const [name] = expectPositionals(parsed, 'profile use', ['NAME']);
    const state = await connect(parsed.values, io).switchProfile({ name: name! });
    return print(io, parsed.values, state, () => formatState(state));
  },
};

const create: Command = {
  usage: `Usage: turnout profile create NAME --backend NAME=URL --backend NAME=URL [flags] [--json]\n\n${PROFILE_FLAGS_HELP}\n\nWithout --ratio the split is even; without --listen it is ${DEFAULT_LISTEN}.`,
  client: true,
  options: PROFILE_FLAGS,
  async run(parsed, io) {
    const [name] = expectPositionals(parsed, 'profile create', ['NAME']);
    if (((parsed.values.backend as string[] | undefined) ?? []).length < 2) throw new UsageError('profile create needs --backend NAME=URL at least twice');
    const template: ProfileInput = { name: name!, listen: DEFAULT_LISTEN, routing: 'round-robin', demo: false, environments: [] };
    const profile = applyInspectFlags(applyDataPlaneFlags(applyOverrides(template, overridesFrom(parsed.values)), dataPlaneFlags(parsed.values)), inspectFlags(parsed.values));
    const detail = await connect(parsed.values, io).createProfile({ profile });
    return print(io, parsed.values, detail, () => formatProfile(detail));
  },
};

const edit: Command = {
  usage: `Usage: turnout profile edit NAME [flags] [--json]\n\n  --name NEWNAME         rename the profile\n${PROFILE_FLAGS_HELP}\n\nPresets that no longer fit replaced environments are dropped.`,
  client: true,
  completes: 'profile',
  options: { ...PROFILE_FLAGS, name: { type: 'string' } },
  async run(parsed, io) {
    const [name] = expectPositionals(parsed, 'profile edit', ['NAME']);
    const overrides = overridesFrom(parsed.values);
    const planeFlags = dataPlaneFlags(parsed.values);
    const inspect = inspectFlags(parsed.values);
    if (Object.keys(overrides).length === 0 && !hasDataPlaneChange(planeFlags) && Object.keys(inspect).length === 0) throw new UsageError('profile edit needs at least one change, e.g. --listen 127.0.0.1:8900');
    const client = connect(parsed.values, io);
    const { profile: stored } = await client.getProfile({ name: name! });
    // Engine first, so a refusal names the profile as stored, not as --name renames it.
    const profile = applyInspectFlags(applyOverrides(applyDataPlaneFlags(stored, planeFlags), overrides), inspect);
    const detail = await client.updateProfile({ name: name!, profile });
    return print(io, parsed.values, detail, () => formatProfile(detail));
  },
};

const duplicate: Command = {
  usage: 'Usage: turnout profile duplicate NAME NEWNAME [--json]',
  client: true,
  completes: 'profile',
  async run(parsed, io) {
    const [name, newName] = expectPositionals(parsed, 'profile duplicate', ['NAME', 'NEWNAME']);
    const detail = await connect(parsed.values, io).duplicateProfile({ name: name!, newName: newName! });
    return print(io, parsed.values, detail, () => formatProfile(detail));
  },
};

const remove: Command = {
  usage: 'Usage: turnout profile delete NAME [--json]\n\nThe active profile cannot be deleted: switch to another one first.',
  client: true,
  completes: 'profile',
  async run(parsed, io) {
    const [name] = expectPositionals(parsed, 'profile delete', ['NAME']);
    const result = await connect(parsed.values, io).deleteProfile({ name: name! });
    return print(io, parsed.values, result, () => `Deleted profile ${result.deleted}.`);
  },
};

const exportCommand: Command = {
  usage: 'Usage: turnout profile export [NAME...] [--out FILE]\n\nWrites { "format": "turnout-profiles", "version": 1, "profiles": [...] } (all profiles by default).',
  client: true,
  completes: 'profile',
  options: { out: { type: 'string' } },
  async run(parsed, io) {
    const names = parsed.positionals;
    const file = await connect(parsed.values, io).exportProfiles(names.length > 0 ? { names } : {});
    const text = JSON.stringify(file, null, 2);
    const out = parsed.values.out as string | undefined;
    if (out === undefined) io.out(text);
    else {
      await fs.writeFile(out, `${text}\n`);
      io.out(parsed.values.json ? JSON.stringify({ exported: file.profiles.map((p) => p.name), file: out }) : `Exported ${file.profiles.length} profile(s) to ${out}.`);
    }
    return 0;
  },
};

const importCommand: Command = {
  usage: 'Usage: turnout profile import FILE [--overwrite] [--json]\n\nReads an export ("-" for stdin). A bad file is refused naming the field and the reason;\nnothing is imported unless everything is. --overwrite replaces profiles of the same name\n(never the active one).',
  client: true,
  completes: 'file',
  options: { overwrite: { type: 'boolean' } },
  async run(parsed, io) {
    const [file] = expectPositionals(parsed, 'profile import', ['FILE']);
    const text = io.readFile ? await io.readFile(file!) : await fs.readFile(file!, 'utf8');
    let json: unknown;
    try {
      json = JSON.parse(text);
    } catch (error) {
      throw new Error(`${file} is not JSON: ${(error as Error).message}`);
    }
    // Checked here too, so the message names the field as it is in the file.
    const checked = profileFileSchema.safeParse(json);
    if (!checked.success) throw new Error(`${file}: ${describeFirstIssue(checked.error)}; nothing was imported`);
    const result = await connect(parsed.values, io).importProfiles({ file: checked.data, overwrite: parsed.values.overwrite === true });
    return print(io, parsed.values, result, () => `Imported ${result.imported.join(', ')}.`);
  },
};

export const PROFILE_COMMANDS: Record<string, Command> = {
  list,
  show,
  use,
  create,
  edit,
  duplicate,
  delete: remove,
  export: exportCommand,
  import: importCommand,
};

export function profile(args: string[], io: CliIo): Promise<number> {
  return runGroup('profile', PROFILE_USAGE, PROFILE_COMMANDS, args, io);
}
