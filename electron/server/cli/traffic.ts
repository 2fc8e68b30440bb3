import { HISTORY_KINDS } from '../../../shared/contract/history';
import { parseRatio } from '../../../shared/domain/ratio';
import { formatState } from '../cli-output';
import { connect, expectPositionals, print, UsageError, type Command } from './common';
import { formatHistory } from './history-format';

/** Commands about the running traffic: status, ratio, undo, history. */

export const status: Command = {
  usage: 'Usage: turnout status [--json]\n\nShows the running Turnout\'s profile, ratio and environments.',
  client: true,
  async run(parsed, io) {
    expectPositionals(parsed, 'status', []);
    const state = await connect(parsed.values, io).getState({});
    return print(io, parsed.values, state, () => formatState(state));
  },
};

export const ratio: Command = {
  usage: 'Usage: turnout ratio <70:30 | blue=70 green=30> [--json]\n\nSets the traffic ratio: in environment order, or by name (one left out takes the rest).',
  client: true,
  async run(parsed, io) {
    if (parsed.positionals.length === 0) throw new UsageError('ratio needs a value, e.g. "turnout ratio 70:30" or "turnout ratio blue=70 green=30"');
    const client = connect(parsed.values, io);
    const current = await client.getState({});
    const weights = parseRatio(parsed.positionals.join(' '), current.environments.map((env) => env.name));
    const state = await client.setRatio({ weights });
    return print(io, parsed.values, state, () => formatState(state));
  },
};

export const undo: Command = {
  usage: 'Usage: turnout undo [--json]\n\nTakes back the last ratio change of the active profile (again: the one before it).',
  client: true,
  async run(parsed, io) {
    expectPositionals(parsed, 'undo', []);
    const state = await connect(parsed.values, io).undo({});
    return print(io, parsed.values, state, () => formatState(state));
  },
};

export const history: Command = {
  usage: `Usage: turnout history [--limit N] [--before ID] [--profile NAME] [--kind KIND] [--json]

Shows what changed, newest first: when, who (window, tray, cli, api, auto), before → after.
  --limit N        entries per page (1-500, default 20)
  --before ID      older than entry #ID (the next page)
  --profile NAME   only this profile
  --kind KIND      only ${HISTORY_KINDS.join(', ')}`,
  client: true,
  options: { limit: { type: 'string' }, before: { type: 'string' }, profile: { type: 'string' }, kind: { type: 'string' } },
  async run(parsed, io) {
    expectPositionals(parsed, 'history', []);
    const { values } = parsed;
    const number = (flag: string, text: string | undefined): number | undefined => {
      if (text === undefined) return undefined;
      if (!/^\d+$/.test(text)) throw new UsageError(`--${flag} must be a whole number, got "${text}"`);
      return Number(text);
    };
    const before = number('before', values.before as string | undefined);
    const page = await connect(values, io).getHistory({
      limit: number('limit', values.limit as string | undefined) ?? 20,
      ...(before !== undefined ? { before } : {}),
      ...(values.profile !== undefined ? { profile: values.profile as string } : {}),
      ...(values.kind !== undefined ? { kind: values.kind as string } : {}),
    });
    return print(io, values, page, () => formatHistory(page.entries) + (page.nextBefore ? `\n(older: --before ${page.nextBefore})` : ''));
  },
};
