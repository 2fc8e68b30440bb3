import type { LogLine, ManagedView } from '../../../shared/contract/managed';
import { connect, expectPositionals, print, UsageError, type CliIo, type Command } from './common';

/** `turnout logs ENV [--follow]` and `turnout env list|restart`: the environments Turnout runs itself. */

/** How often --follow asks for new lines: quick enough to feel live, rare enough to cost nothing. */
const FOLLOW_POLL_MS = 300;
const RESTART_WAIT_MS = 60_000;

export function formatLine(line: LogLine): string {
  const time = new Date(line.at).toISOString().slice(11, 23);
  return `${time} ${line.stream === 'turnout' ? '[turnout] ' : line.stream === 'stderr' ? '[stderr] ' : ''}${line.text}`;
}

export function formatManaged(view: ManagedView): string {
  const exit = view.lastExit ? `, last exit ${view.lastExit.signal ?? `code ${view.lastExit.code}`}` : '';
  const crashes = view.crashes > 0 ? `, crashed ${view.crashes} time${view.crashes === 1 ? '' : 's'}` : '';
  const next = view.nextRestartAt ? `, restarting in ${Math.max(0, view.nextRestartAt - Date.now())} ms` : '';
  return `${view.name}: ${view.state}${view.pid ? ` (pid ${view.pid})` : ''}${crashes}${exit}${next}\n  ${view.command}`;
}

export const logs: Command = {
  usage: `Usage: turnout logs ENV [--lines N] [--follow] [--json]

The last N lines (default 100, at most 1000) of ENV's output: an environment Turnout runs
itself (a run or compose command in the profile). Lines marked [turnout] are Turnout's own:
started, crashed, restarting. --follow keeps printing new lines until interrupted.`,
  client: true,
  completes: 'environment',
  options: { lines: { type: 'string' }, follow: { type: 'boolean', short: 'f' } },
  async run(parsed, io) {
    const [environment] = expectPositionals(parsed, 'logs', ['ENV']);
    const text = parsed.values.lines as string | undefined;
    if (text !== undefined && (!/^\d+$/.test(text) || Number(text) < 1 || Number(text) > 1000)) throw new UsageError(`--lines must be a whole number from 1 to 1000, got "${text}"`);
    const client = connect(parsed.values, io);
    const first = await client.environmentLogs({ environment: environment!, limit: text === undefined ? 100 : Number(text) });
    // The API answers an empty log for it (the panel asks for every environment); a person asking by name is told why.
    if (first.view === null) throw new Error(`${environment} is not run by Turnout (its profile gives it no run or compose command), so it has no output here`);
    const emit = (lines: LogLine[]): void => lines.forEach((line) => io.out(parsed.values.json ? JSON.stringify(line) : formatLine(line)));
    if (!parsed.values.follow) return print(io, parsed.values, first, () => first.lines.map(formatLine).join('\n'));
    emit(first.lines);
    let after = first.lastSeq;
    const stop = new Promise<void>((resolve) => process.once('SIGINT', () => resolve()));
    for (;;) {
      const tick = await Promise.race([stop.then(() => 'stop' as const), new Promise((resolve) => setTimeout(resolve, FOLLOW_POLL_MS))]);
      if (tick === 'stop') return 0;
      const next = await client.environmentLogs({ environment: environment!, limit: 1000, after });
      emit(next.lines);
      after = next.lastSeq;
    }
  },
};

const list: Command = {
  usage: 'Usage: turnout env list [--json]\n\nThe environments of the active profile that Turnout runs itself: state, pid, crashes, command.',
  client: true,
  async run(parsed, io: CliIo) {
    expectPositionals(parsed, 'env list', []);
    const managed = (await connect(parsed.values, io).getState({})).managed ?? [];
    return print(io, parsed.values, managed, () => (managed.length ? managed.map(formatManaged).join('\n') : 'no environment of the active profile has a run or compose command'));
  },
};

const restart: Command = {
  usage: `Usage: turnout env restart ENV [--confirm] [--json]

Starts ENV again on its port (a crashed one at once, not after its backoff; a running one is
stopped first) and waits up to a minute for its health check: exit 1 if it does not answer.
--confirm says yes once to a command that came with an imported profile; until then Turnout
never runs it.`,
  client: true,
  completes: 'environment',
  options: { confirm: { type: 'boolean' } },
  async run(parsed, io) {
    const [environment] = expectPositionals(parsed, 'env restart', ['ENV']);
    const client = connect(parsed.values, io);
    let view = await client.environmentRestart({ environment: environment!, confirm: parsed.values.confirm === true });
    // The call answers once it started; wait here for its health check (or a crash), up to a minute.
    const until = Date.now() + RESTART_WAIT_MS;
    while (view.state === 'starting' && Date.now() < until) {
      await new Promise((resolve) => setTimeout(resolve, 200));
      view = (await client.getState({})).managed?.find((item) => item.name === environment) ?? view;
    }
    print(io, parsed.values, view, () => formatManaged(view));
    return view.state === 'running' ? 0 : 1;
  },
};

export const ENV_USAGE = `Usage: turnout env <command> [options]

Commands:
  list                    environments Turnout runs itself, with state and crashes
  restart ENV [--confirm] start ENV again now (--confirm: run an imported command once confirmed)

See also: turnout logs ENV [--follow]`;

export const ENV_COMMANDS: Record<string, Command> = { list, restart };
