import type { ReplayResult, ReplaySide } from '../../../shared/contract/replay';
import { connect, expectPositionals, print, UsageError, type Command } from './common';

/** `turnout replay SEQ --to ENV [--yes]`: a recorded request sent to another environment, both answers compared. */
export const replay: Command = {
  usage: `Usage: turnout replay SEQ --to ENV [--yes] [--json]

Sends the recorded request #SEQ (see "turnout requests") to environment ENV and compares
the answers side by side: status, headers that differ, the body (JSON compared as data, text
as a diff) and latency. GET, HEAD, OPTIONS, PUT and DELETE go at once, to the original
environment too. Any other method is sent only with --yes, and only when the profile keeps
bodies (proxy.inspect.bodies) and this one was kept whole; it is then compared with the
recorded answer.`,
  client: true,
  options: { to: { type: 'string' }, yes: { type: 'boolean', short: 'y' } },
  async run(parsed, io) {
    const [ref] = expectPositionals(parsed, 'replay', ['SEQ']);
    if (!/^\d+$/.test(ref!) || Number(ref) < 1) throw new UsageError(`SEQ must be a record number as "turnout requests" shows it (#12 → 12), got "${ref}"`);
    const to = parsed.values.to as string | undefined;
    if (!to) throw new UsageError('replay needs --to ENV (the environment to send it to)');
    const result = await connect(parsed.values, io).replayRequest({ seq: Number(ref), to, confirm: parsed.values.yes === true });
    return print(io, parsed.values, result, () => formatReplay(result));
  },
};

export function formatReplay(result: ReplayResult): string {
  const side = (label: string, s: ReplaySide) =>
    `${label} ${s.environment} (${s.source}): ${s.status === 0 ? `no answer: ${s.error ?? 'unknown'}` : s.status}${s.latencyMs === null ? '' : ` in ${s.latencyMs.toFixed(1)} ms`}`;
  const lines = [`#${result.seq} ${result.method} ${result.url}`, side('A', result.a), side('B', result.b), result.statusSame ? 'Status: same' : `Status: differs (${result.a.status} → ${result.b.status})`];
  if (result.headers.length === 0) lines.push('Headers: no difference');
  else lines.push('Headers that differ:', ...result.headers.map((h) => `  ${h.name}: ${h.a ?? '(absent)'} → ${h.b ?? '(absent)'}`));
  const body = result.body;
  const partial = body.partial ? ' (kept part only)' : '';
  if (body.kind === 'none') lines.push('Body: none on either side');
  else if (body.same) lines.push(`Body (${body.kind}): same${partial}`);
  else if (body.kind === 'json') lines.push(`Body (JSON, as data): differs${partial}`, ...body.json!.map((d) => `  ${d.path}: ${JSON.stringify(d.a)} → ${JSON.stringify(d.b)}`));
  else if (body.kind === 'text') lines.push(`Body (text): differs${partial}`, body.text!.trimEnd());
  else lines.push(`Body (binary): differs${partial}`);
  return lines.join('\n');
}
