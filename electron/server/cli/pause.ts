import { formatState } from '../cli-output';
import { connect, expectPositionals, print, type Command } from './common';

/** `turnout pause` / `turnout resume`: the embedded proxy stops accepting, then listens again. */

export const pause: Command = {
  usage: `Usage: turnout pause [--json]

Pauses the proxy: it stops accepting new connections (requests in flight finish, idle
keep-alive connections close) while the admin API and health checks keep running.
Not stored: a restart starts unpaused. Only the embedded proxy can pause. See: turnout resume.`,
  client: true,
  async run(parsed, io) {
    expectPositionals(parsed, 'pause', []);
    const state = await connect(parsed.values, io).setPaused({ paused: true });
    return print(io, parsed.values, state, () => formatState(state));
  },
};

export const resume: Command = {
  usage: `Usage: turnout resume [--json]

Resumes a paused proxy: it listens again on the same address. If something took the port
meanwhile, the error is reported and the proxy stays paused.`,
  client: true,
  async run(parsed, io) {
    expectPositionals(parsed, 'resume', []);
    const state = await connect(parsed.values, io).setPaused({ paused: false });
    return print(io, parsed.values, state, () => formatState(state));
  },
};
