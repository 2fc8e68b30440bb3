import type { RampPlanInput, RampStep } from '../../../shared/domain/update-plan';
import { connect, expectPositionals, print, runGroup, UsageError, type CliIo, type Command } from './common';
import { formatFlow } from './update-format';
import { DRAIN_FLAGS, DRAIN_FLAGS_HELP, drainFlags, duration } from './drain-flags';
import { SHADOW_GATE_FLAGS, SHADOW_GATE_HELP, shadowGateFlags } from './shadow-gate-flags';

/** `turnout update ...`: the guided blue-green update and guarded ramps of the active profile. */

export const UPDATE_USAGE = `Usage: turnout update <command> [options]

Commands (on the active profile):
  status               the running (or last) update: steps, what it waits for
  start ENV            drain ENV, update it, verify it, swap (or ramp), then the others; restore the ratio
  next                 confirm the step that waits for you ("I've updated it", a ramp gate);
                       during a drain: finish it now
  abort                stop and return to the last safe ratio

Each takes --help, --json, --admin URL and --token TOKEN.`;

const status: Command = {
  usage: 'Usage: turnout update status [--json]\n\nShows each step of the running (or last) update and what the active one waits for.',
  client: true,
  async run(parsed, io) {
    expectPositionals(parsed, 'update status', []);
    const view = await connect(parsed.values, io).getUpdate({});
    return print(io, parsed.values, view, () => formatFlow(view));
  },
};

const start: Command = {
  usage: `Usage: turnout update start ENV [options]

Starts a guided update with ENV first. Without --ramp: blue-green (swap 100 … 0 at once).
  --ramp STEPS          a guarded ramp instead of the swap: WEIGHT[@HOLD][?] comma-separated,
                        increasing, ending at 100; HOLD like 30s or 2m; "?" waits for "update next".
                        e.g. --ramp 5@2m,25@1m,50@1m?,100
  --rollback MODE       on a guard breach: at-once (default) or gradual
  --max-error-rate R    guard: the new side's error rate limit, 0-1 (default 0.05)
  --max-p99 MS          guard: the new side's p99 limit in ms (default none)
  --smoke PATH[=STATUS] verify with GET PATH through the proxy, expecting STATUS (default 200)
  --no-smoke            no smoke request, whatever the profile says
  --verify-timeout DURATION  how long verify waits for health (default 2m)
  --hold-while CMD      a held step before the swap (or ramp): the proxy holds every new request,
                        waits for those in flight, runs CMD (e.g. a schema migration), and releases
                        them when CMD exits 0; on a failure or the timeout the update aborts to the
                        safe ratio and releases them there
  --hold-timeout DURATION  the held step's limit, counted from the hold (default 30s, at most 9m55s)
${SHADOW_GATE_HELP}
For this update only (default: the profile's):
${DRAIN_FLAGS_HELP}`,
  client: true,
  completes: 'environment',
  options: {
    ramp: { type: 'string' },
    rollback: { type: 'string' },
    'max-error-rate': { type: 'string' },
    'max-p99': { type: 'string' },
    smoke: { type: 'string' },
    'no-smoke': { type: 'boolean' },
    ...DRAIN_FLAGS,
    'verify-timeout': { type: 'string' },
    'hold-while': { type: 'string' },
    'hold-timeout': { type: 'string' },
    ...SHADOW_GATE_FLAGS,
  },
  async run(parsed, io) {
    const [first] = expectPositionals(parsed, 'update start', ['ENV']);
    const { values } = parsed;
    const plan = values.ramp === undefined ? undefined : rampPlan(values);
    if (plan === undefined && (values.rollback ?? values['max-error-rate'] ?? values['max-p99']) !== undefined) {
      throw new UsageError('--rollback, --max-error-rate and --max-p99 need --ramp');
    }
    if (values['hold-timeout'] !== undefined && values['hold-while'] === undefined) throw new UsageError('--hold-timeout needs --hold-while');
    const view = await connect(values, io).updateStart({
      first: first!,
      ...(plan ? { plan } : {}),
      ...(values['no-smoke'] ? { smoke: null } : values.smoke !== undefined ? { smoke: smoke(values.smoke as string) } : {}),
      ...drainFlags(values),
      ...shadowGateFlags(values),
      ...(values['verify-timeout'] !== undefined ? { verifyTimeoutMs: duration('verify-timeout', values['verify-timeout'] as string) } : {}),
      ...(values['hold-while'] !== undefined
        ? { heldStep: { command: values['hold-while'] as string, ...(values['hold-timeout'] !== undefined ? { timeoutMs: duration('hold-timeout', values['hold-timeout'] as string) } : {}) } }
        : {}),
    });
    return print(io, values, view, () => formatFlow(view));
  },
};

const next: Command = {
  usage:
    'Usage: turnout update next [--manual] [--json]\n\nConfirms the step waiting for you: "I\'ve updated it", a ramp gate, or running an imported command.\nDuring a drain: finishes it now (sticky clients move, WebSockets and streams close at once,\nrequests in flight get at most 5 s more).\n  --manual   the environment was updated by hand: do not run its (unconfirmed) command',
  client: true,
  options: { manual: { type: 'boolean' } },
  async run(parsed, io) {
    expectPositionals(parsed, 'update next', []);
    const view = await connect(parsed.values, io).updateNext({ manual: parsed.values.manual === true });
    return print(io, parsed.values, view, () => formatFlow(view));
  },
};

const abort: Command = {
  usage: 'Usage: turnout update abort [--reason TEXT] [--json]\n\nStops the update and returns to the last safe ratio.',
  client: true,
  options: { reason: { type: 'string' } },
  async run(parsed, io) {
    expectPositionals(parsed, 'update abort', []);
    const reason = parsed.values.reason as string | undefined;
    const view = await connect(parsed.values, io).updateAbort(reason ? { reason } : {});
    return print(io, parsed.values, view, () => formatFlow(view));
  },
};

export const UPDATE_COMMANDS: Record<string, Command> = { status, start, next, abort };

export function update(args: string[], io: CliIo): Promise<number> {
  return runGroup('update', UPDATE_USAGE, UPDATE_COMMANDS, args, io);
}


function smoke(text: string): { path: string; expectStatus?: number } {
  const match = /^(\/\S*?)(?:=(\d{3}))?$/.exec(text);
  if (!match) throw new UsageError(`--smoke must be PATH or PATH=STATUS, e.g. /healthz=200, got "${text}"`);
  return { path: match[1]!, ...(match[2] ? { expectStatus: Number(match[2]) } : {}) };
}

/** Parses "5@2m,25,50?,100"; the server validates the plan itself (increasing, ends at 100). */
function rampPlan(values: Record<string, unknown>): RampPlanInput {
  const steps = String(values.ramp)
    .split(',')
    .map((part): Partial<RampStep> => {
      const match = /^(\d{1,3})(?:@(\w+))?(\?)?$/.exec(part.trim());
      if (!match) throw new UsageError(`--ramp step "${part}" must be WEIGHT[@HOLD][?], e.g. 5@2m or 50?`);
      return { weight: Number(match[1]), ...(match[2] ? { holdMs: duration('ramp', match[2]) } : {}), ...(match[3] ? { gate: true } : {}) };
    });
  const rollback = values.rollback as string | undefined;
  if (rollback !== undefined && rollback !== 'at-once' && rollback !== 'gradual') throw new UsageError(`--rollback must be at-once or gradual, got "${rollback}"`);
  const number = (flag: string): number | undefined => {
    const text = values[flag] as string | undefined;
    if (text === undefined) return undefined;
    if (!/^\d+(\.\d+)?$/.test(text)) throw new UsageError(`--${flag} must be a number, got "${text}"`);
    return Number(text);
  };
  const maxErrorRate = number('max-error-rate');
  const maxP99Ms = number('max-p99');
  return {
    steps: steps as RampPlanInput['steps'],
    ...(rollback ? { rollback } : {}),
    guard: { ...(maxErrorRate !== undefined ? { maxErrorRate } : {}), ...(maxP99Ms !== undefined ? { maxP99Ms } : {}) },
  };
}
