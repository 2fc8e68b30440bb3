import type { MethodName } from '../../shared/contract/methods';
import { CLIENT_OPTIONS_HELP, reportError, runCommand, UsageError, type CliIo } from './cli/common';
import { exportCommand } from './cli/export';
import { demo } from './cli/demo';
import { metrics } from './cli/metrics';
import { pause, resume } from './cli/pause';
import { update } from './cli/update';
import { preset } from './cli/presets';
import { probeCommand } from './cli/probe';
import { profile } from './cli/profiles';
import { serve } from './cli/serve';
import { history, ratio, status, undo } from './cli/traffic';

export { UsageError, type CliIo };

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
};

const USAGE = `Usage: turnout <command> [options]

Commands:
  serve                         run the proxy and the admin API (and serve the control panel)
  status [--json]               the running Turnout's profile, ratio and environments
  ratio <ratio>                 set the traffic ratio: "70:30" (in order) or "blue=70 green=30"
  undo                          take back the last ratio change
  history [--json]              who changed what, when, before → after
  metrics [--seconds N]         req/s, errors and latency per environment, last N seconds
  pause | resume                stop accepting new connections / listen again (same address)
  probe ENV [--path P]          run one health check of ENV now ("test now")
  preset list|apply|save|delete named ratios of the active profile
  profile list|show|use|create|edit|duplicate|delete|export|import
                                saved setups; one is active
  update start|next|abort|status
                                guided blue-green update or guarded ramp, with rollback
  demo start|stop|load|fault|crash|restart|new-version|status
                                the built-in demo: two versions, load and faults
  export nginx|haproxy|traefik|gateway-api
                                the active profile as another engine's configuration

Every command takes --help. Exit code 0 on success, 1 on failure, 2 on a usage error.

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
  try {
    switch (command) {
      case 'serve':
        return await runCommand(serve, rest, io);
      case 'status':
        return await runCommand(status, rest, io);
      case 'ratio':
        return await runCommand(ratio, rest, io);
      case 'undo':
        return await runCommand(undo, rest, io);
      case 'history':
        return await runCommand(history, rest, io);
      case 'metrics':
        return await runCommand(metrics, rest, io);
      case 'pause':
        return await runCommand(pause, rest, io);
      case 'resume':
        return await runCommand(resume, rest, io);
      case 'probe':
        return await runCommand(probeCommand, rest, io);
      case 'export':
        return await runCommand(exportCommand, rest, io);
      case 'preset':
        return await preset(rest, io);
      case 'profile':
        return await profile(rest, io);
      case 'update':
        return await update(rest, io);
      case 'demo':
        return await demo(rest, io);
      case undefined:
      case 'help':
      case '--help':
      case '-h':
        io.out(USAGE);
        return command === undefined ? 2 : 0;
      default:
        throw new UsageError(`unknown command "${command}"`);
    }
  } catch (error) {
    return reportError(error, io);
  }
}
