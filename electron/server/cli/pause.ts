import { formatState } from '../cli-output';
import { connect, expectPositionals, print, UsageError, type Command } from './common';
import { duration } from './drain-flags';

/** `turnout pause [--hold|--stop|--close]` / `turnout resume`. */

export const pause: Command = {
  usage: `Usage: turnout pause [--hold [--timeout DURATION] | --stop [--message TEXT] | --close] [--json]

Pauses the proxy while the admin API and health checks keep running. The pause is stored:
a restart comes back paused the same way, until \`turnout resume\`.

  --hold              new requests and WebSocket upgrades wait in Turnout (in-flight ones
                      finish); resume sends them on in arrival order, as the ratio says
  --timeout DURATION  with --hold: a request waiting longer gets 503 + Retry-After (default 30s)
  --stop              every request gets a 503 maintenance answer with Retry-After (a page for
                      browsers, JSON for Accept: application/json)
  --message TEXT      with --stop: the maintenance answer's text
  --close             stop listening: new connections are refused (requests in flight finish,
                      idle keep-alive connections close). The default, as before.

Pausing again with another mode switches to it (a hold switched to stop answers the held
requests with the maintenance answer). Only the embedded proxy can pause. See: turnout resume.`,
  options: { hold: { type: 'boolean' }, stop: { type: 'boolean' }, close: { type: 'boolean' }, timeout: { type: 'string' }, message: { type: 'string' } },
  client: true,
  async run(parsed, io) {
    expectPositionals(parsed, 'pause', []);
    const { values } = parsed;
    const modes = (['hold', 'stop', 'close'] as const).filter((mode) => values[mode] === true);
    if (modes.length > 1) throw new UsageError(`pick one of --hold, --stop, --close (got --${modes.join(', --')})`);
    const mode = modes[0] ?? 'close';
    if (values.timeout !== undefined && mode !== 'hold') throw new UsageError('--timeout goes with --hold');
    if (values.message !== undefined && mode !== 'stop') throw new UsageError('--message goes with --stop');
    const timeoutMs = values.timeout === undefined ? undefined : duration('timeout', values.timeout as string);
    const input = { paused: true, mode, ...(timeoutMs !== undefined && { timeoutMs }), ...(values.message !== undefined && { message: values.message as string }) };
    const state = await connect(values, io).setPaused(input);
    return print(io, values, state, () => formatState(state));
  },
};

export const resume: Command = {
  usage: `Usage: turnout resume [--json]

Resumes a paused proxy: held requests go on in arrival order, a stop ends, a closed listener
listens again on the same address (if something took the port meanwhile, the error is
reported and the proxy stays paused). The stored pause is cleared.`,
  client: true,
  async run(parsed, io) {
    expectPositionals(parsed, 'resume', []);
    const state = await connect(parsed.values, io).setPaused({ paused: false });
    return print(io, parsed.values, state, () => formatState(state));
  },
};
