import { DEFAULT_DEMO_CONCURRENCY, DEFAULT_DEMO_RPS } from '../../../shared/contract/demo';
import { connect, expectPositionals, print, runGroup, UsageError, type CliIo, type Command, type Values } from './common';
import { formatDemo, formatDemoStatus } from './demo-format';

/** `turnout demo ...`: the built-in demo apps, their faults and the load generator. */

export const DEMO_USAGE = `Usage: turnout demo <command> [options]

Commands:
  start [--rps N] [--concurrency N]   make a demo profile active (creating "Demo" on the current
                                      listen address if there is none) and send N req/s (default ${DEFAULT_DEMO_RPS})
  stop                                stop the load (the demo apps keep serving)
  load RATE [--concurrency N]         send RATE req/s through the proxy (0 stops)
  fault ENV [--latency MS] [--errors PERCENT] [--clear]
                                      slow an app down or make it answer 500s
  crash ENV                           stop an app at once: connections are refused
  restart ENV                         start it again on the same port
  new-version ENV                     restart it as the next version (v3, v4, ...)
  status [--guide]                    versions, faults and load (--guide: what to show)

Each takes --help, --json, --admin URL and --token TOKEN. All but start need the active
profile to be a demo profile.`;

function count(values: Values, flag: string, min: number, max: number): number | undefined {
  const text = values[flag] as string | undefined;
  if (text === undefined) return undefined;
  if (!/^\d+$/.test(text) || Number(text) < min || Number(text) > max) throw new UsageError(`--${flag} must be a whole number from ${min} to ${max}, got "${text}"`);
  return Number(text);
}

const start: Command = {
  usage: `Usage: turnout demo start [--rps N] [--concurrency N] [--json]

Makes a demo profile active: the active one if it is a demo, else the first stored demo
profile, else a new "Demo" profile on the current listen address (so the proxy URL stays).
Then sends N requests a second through the proxy (default ${DEFAULT_DEMO_RPS}; 0: no load)
with at most --concurrency in flight (default ${DEFAULT_DEMO_CONCURRENCY}), and prints the guide.`,
  client: true,
  options: { rps: { type: 'string' }, concurrency: { type: 'string' } },
  async run(parsed, io) {
    expectPositionals(parsed, 'demo start', []);
    const rps = count(parsed.values, 'rps', 0, 2000);
    const concurrency = count(parsed.values, 'concurrency', 1, 256);
    const status = await connect(parsed.values, io).demoStart({ ...(rps !== undefined ? { rps } : {}), ...(concurrency !== undefined ? { concurrency } : {}) });
    return print(io, parsed.values, status, () => formatDemoStatus(status, true));
  },
};

const stop: Command = {
  usage: 'Usage: turnout demo stop [--json]\n\nStops the load generator; requests in flight finish. The demo apps keep serving.',
  client: true,
  async run(parsed, io) {
    expectPositionals(parsed, 'demo stop', []);
    const view = await connect(parsed.values, io).demoLoad({ rps: 0 });
    return print(io, parsed.values, view, () => formatDemo(view));
  },
};

const load: Command = {
  usage: 'Usage: turnout demo load RATE [--concurrency N] [--json]\n\nSends RATE GETs a second (0-2000; 0 stops) through the proxy, at most N in flight (default: as before).',
  client: true,
  options: { concurrency: { type: 'string' } },
  async run(parsed, io) {
    const [rate] = expectPositionals(parsed, 'demo load', ['RATE']);
    if (!/^\d+$/.test(rate!)) throw new UsageError(`RATE must be requests per second as a whole number, got "${rate}"`);
    const concurrency = count(parsed.values, 'concurrency', 1, 256);
    const view = await connect(parsed.values, io).demoLoad({ rps: Number(rate), ...(concurrency !== undefined ? { concurrency } : {}) });
    return print(io, parsed.values, view, () => formatDemo(view));
  },
};

const fault: Command = {
  usage: `Usage: turnout demo fault ENV [--latency MS] [--errors PERCENT] [--clear] [--json]

Adds MS milliseconds before each answer of ENV's demo app and/or makes PERCENT % of its
answers 500s. A fault left out keeps its value; --clear sets both to 0.`,
  client: true,
  completes: 'environment',
  options: { latency: { type: 'string' }, errors: { type: 'string' }, clear: { type: 'boolean' } },
  async run(parsed, io) {
    const [environment] = expectPositionals(parsed, 'demo fault', ['ENV']);
    const latencyMs = parsed.values.clear ? 0 : count(parsed.values, 'latency', 0, 30_000);
    const errorsText = parsed.values.errors as string | undefined;
    if (errorsText !== undefined && (!/^\d+(\.\d+)?$/.test(errorsText) || Number(errorsText) > 100)) throw new UsageError(`--errors must be a percentage from 0 to 100, got "${errorsText}"`);
    const errorPercent = parsed.values.clear ? 0 : errorsText === undefined ? undefined : Number(errorsText);
    if (latencyMs === undefined && errorPercent === undefined) throw new UsageError('demo fault needs --latency, --errors or --clear');
    const view = await connect(parsed.values, io).demoFault({ environment: environment!, ...(latencyMs !== undefined ? { latencyMs } : {}), ...(errorPercent !== undefined ? { errorPercent } : {}) });
    return print(io, parsed.values, view, () => formatDemo(view));
  },
};

/** crash, restart and new-version: one environment, one action. */
function appAction(name: string, method: 'demoCrash' | 'demoRestart' | 'demoNewVersion', what: string): Command {
  return {
    usage: `Usage: turnout demo ${name} ENV [--json]\n\n${what}`,
    client: true,
    completes: 'environment',
    async run(parsed, io) {
      const [environment] = expectPositionals(parsed, `demo ${name}`, ['ENV']);
      const view = await connect(parsed.values, io)[method]({ environment: environment! });
      return print(io, parsed.values, view, () => formatDemo(view));
    },
  };
}

const status: Command = {
  usage: 'Usage: turnout demo status [--guide] [--json]\n\nVersions, faults and requests of the demo apps and the load; --guide adds what to show.',
  client: true,
  options: { guide: { type: 'boolean' } },
  async run(parsed, io) {
    expectPositionals(parsed, 'demo status', []);
    const result = await connect(parsed.values, io).demoStatus({});
    return print(io, parsed.values, result, () => formatDemoStatus(result, parsed.values.guide === true));
  },
};

export const DEMO_COMMANDS: Record<string, Command> = {
  start,
  stop,
  load,
  fault,
  crash: appAction('crash', 'demoCrash', 'Stops ENV\'s demo app at once, cutting open connections: new ones are refused, so health marks it down.'),
  restart: appAction('restart', 'demoRestart', 'Starts ENV\'s demo app again on the same port (a running one is restarted gracefully).'),
  'new-version': appAction('new-version', 'demoNewVersion', 'Restarts ENV\'s demo app gracefully on the same port as the next version (v3, v4, ...).'),
  status,
};

export function demo(args: string[], io: CliIo): Promise<number> {
  return runGroup('demo', DEMO_USAGE, DEMO_COMMANDS, args, io);
}
