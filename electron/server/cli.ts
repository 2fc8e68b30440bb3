import type { MethodName } from '../../shared/contract/methods';
import { CLIENT_OPTIONS_HELP } from './cli/client-help';
import { COMMANDS, isGroup } from './cli/commands';
import type { CliIo } from './cli/common';
import { turnoutVersion } from './cli/version';

export type { CliIo };

/** Which command serves each contract method: typed as a full map, so a new method cannot be forgotten. */
export const CLI_COMMAND_FOR_METHOD: Record<MethodName, string> = {
  getState: 'status',
  setRatio: 'ratio',
  undo: 'undo',
  listProfiles: 'profile list',
  getProfile: 'profile show',
  createProfile: 'profile create',
  updateProfile: 'profile edit',
  deleteProfile: 'profile delete',
  duplicateProfile: 'profile duplicate',
  switchProfile: 'profile use',
  exportProfiles: 'profile export',
  importProfiles: 'profile import',
  listPresets: 'preset list',
  applyPreset: 'preset apply',
  savePreset: 'preset save',
  deletePreset: 'preset delete',
  getHistory: 'history',
  getMetrics: 'metrics',
  updateStart: 'update start',
  updateNext: 'update next',
  updateAbort: 'update abort',
  getUpdate: 'update status',
  demoStart: 'demo start',
  demoStatus: 'demo status',
  demoLoad: 'demo load',
  demoFault: 'demo fault',
  demoCrash: 'demo crash',
  demoRestart: 'demo restart',
  demoNewVersion: 'demo new-version',
  exportConfig: 'export',
  /** `turnout resume` is its other half (paused: false). */
  setPaused: 'pause',
  probeEnvironment: 'probe',
  environmentLogs: 'logs',
  environmentRestart: 'env restart',
  adopt: 'adopt',
  listRequests: 'requests',
  /** `turnout requests show SEQ|ID`: the same command, its help covers both. */
  getRequest: 'requests',
  replayRequest: 'replay',
  /** Run in the CLI itself by default (the CA is a file in the data dir, no Turnout need run); with --admin, asked of a running one. */
  tlsTrust: 'tls ca',
  shadowStart: 'shadow start',
  shadowStop: 'shadow stop',
  shadowStatus: 'shadow status',
};

const USAGE = `Usage: turnout <command> [options]

Commands:
  serve                         run the proxy and the admin API (and serve the control panel)
  status [--json]               the running Turnout's profile, ratio and environments
  ratio <ratio>                 set the traffic ratio: "70:30" (in order) or "blue=70 green=30"
  undo                          take back the last ratio change
  history [--json]              who changed what, when, before → after
  metrics [--seconds N]         req/s, errors and latency per environment, last N seconds
  pause [--hold|--stop|--close] hold requests / answer 503 maintenance / stop listening
  resume                        release held requests in order, or listen again
  probe ENV [--path P]          run one health check of ENV now ("test now")
  logs ENV [--follow]           output of an environment Turnout runs itself (run/compose)
  env list|restart              environments Turnout runs itself: state, crashes, restart
  adopt URL [--clone CMD]       put Turnout in front of an app already serving at URL
  requests [--follow] [--env E] [--status 5xx] [--path TEXT]
                                the newest proxied requests; "requests show SEQ" for one
  replay SEQ --to ENV [--yes]   send a recorded request to ENV too and compare the answers
  shadow start|stop|status      copy a share of live GET/HEAD requests to another environment
                                and compare the answers per route
  preset list|apply|save|delete named ratios of the active profile
  profile list|show|use|create|edit|duplicate|delete|export|import
                                saved setups; one is active
  update start|next|abort|status
                                guided blue-green update or guarded ramp, with rollback
  demo start|stop|load|fault|crash|restart|new-version|status
                                the built-in demo: two versions, load and faults
  export nginx|haproxy|traefik|gateway-api
                                the active profile as another engine's configuration
  tls ca                        where the local HTTPS CA is and how to trust it
  completion bash|zsh           a shell completion script (see turnout completion --help)

Every command takes --help. Exit code 0 on success, 1 on failure, 2 on a usage error.
turnout --version (or -v) prints the version.

${CLIENT_OPTIONS_HELP}`;

const processIo: CliIo = {
  out: (line) => process.stdout.write(`${line}\n`),
  err: (line) => process.stderr.write(`${line}\n`),
  env: process.env,
  readFile: async (file) => {
    const fs = await import('node:fs/promises');
    if (file !== '-') return fs.readFile(file, 'utf8');
    const chunks: Buffer[] = [];
    for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
    return Buffer.concat(chunks).toString('utf8');
  },
};

/** Runs one CLI invocation; resolves to the exit code (0 ok, 1 failed, 2 usage). */
export async function main(argv: string[], io: CliIo = processIo): Promise<number> {
  const [command, ...rest] = argv;
  if (command === undefined || command === 'help' || command === '--help' || command === '-h') {
    io.out(USAGE);
    return command === undefined ? 2 : 0;
  }
  if (command === '--version' || command === '-v') {
    io.out(turnoutVersion());
    return 0;
  }
  // Every command module imports common.ts anyway; by the time it is needed here it is loaded.
  const common = () => import('./cli/common');
  try {
    const load = Object.hasOwn(COMMANDS, command) ? COMMANDS[command] : undefined;
    if (!load) throw new (await common()).UsageError(`unknown command "${command}"`);
    const target = await load();
    const { runCommand, runGroup } = await common();
    return isGroup(target) ? await runGroup(command, target.usage, target.commands, rest, io) : await runCommand(target, rest, io);
  } catch (error) {
    return (await common()).reportError(error, io);
  }
}
