import type { MethodArgs } from '../../../shared/contract/methods';
import { STATUS_CLASSES, type StatusClass } from '../../../shared/contract/inspect';
import { connect, expectPositionals, print, UsageError, type Command, type Values } from './common';
import { formatDetail, formatRecord } from './requests-format';

/** How often --follow asks for what is new. */
const FOLLOW_MS = 500;

const list: Command = {
  usage: `Usage: turnout requests [--follow] [--env E] [--status 5xx] [--method M] [--path TEXT] [--slower-than MS] [--limit N] [--json]
       turnout requests show SEQ|ID

Lists the newest proxied requests (default 50) from the request inspector: time, status,
method, environment and why it went there (ratio, sticky, pin, retry, failover), latency,
path. --follow keeps printing new ones until stopped (Ctrl-C). --json prints one JSON
record per line. "requests show" prints one request with its (redacted) headers.`,
  client: true,
  options: {
    follow: { type: 'boolean', short: 'f' },
    env: { type: 'string' },
    status: { type: 'string' },
    method: { type: 'string' },
    path: { type: 'string' },
    'slower-than': { type: 'string' },
    limit: { type: 'string' },
  },
  async run(parsed, io) {
    expectPositionals(parsed, 'requests', []);
    const filter = filterOf(parsed.values);
    const limit = wholeNumber(parsed.values.limit, '--limit') ?? 50;
    const client = connect(parsed.values, io);
    const json = parsed.values.json === true;
    const show = (records: { seq: number }[]): void => records.forEach((record) => io.out(json ? JSON.stringify(record) : formatRecord(record as never)));
    const page = await client.listRequests({ ...filter, limit });
    if (!parsed.values.follow) {
      if (!json && page.records.length === 0) io.out(page.recording ? 'No matching requests recorded yet.' : 'Recording is off for this profile (proxy.inspect.enabled).');
      show(page.records);
      return 0;
    }
    show(page.records);
    let after = page.last;
    for (;;) {
      await new Promise((resolve) => setTimeout(resolve, FOLLOW_MS));
      const next = await client.listRequests({ ...filter, limit: 10_000, after });
      show(next.records);
      after = next.last;
    }
  },
};

const showCommand: Command = {
  usage: `Usage: turnout requests show SEQ|ID

One recorded request: its record, request and response headers (Authorization, Cookie,
Set-Cookie and Proxy-Authorization redacted unless the profile turns that off) and, when
bodies are kept, the bodies. SEQ is the # the list shows; anything else is a request id.`,
  client: true,
  async run(parsed, io) {
    const [ref] = expectPositionals(parsed, 'requests show', ['SEQ|ID']);
    const detail = await connect(parsed.values, io).getRequest(/^\d+$/.test(ref!) ? { seq: Number(ref) } : { id: ref! });
    return print(io, parsed.values, detail, () => formatDetail(detail));
  },
};

/** `turnout requests` lists; `turnout requests show SEQ|ID` shows one (one entry in the command table). */
export const requests: Command = {
  ...list,
  async run(parsed, io) {
    if (parsed.positionals[0] === 'show') return showCommand.run({ ...parsed, positionals: parsed.positionals.slice(1) }, io);
    return list.run(parsed, io);
  },
};

function filterOf(values: Values): Omit<MethodArgs<'listRequests'>, 'limit' | 'after'> {
  const status = values.status as string | undefined;
  if (status !== undefined && !(STATUS_CLASSES as readonly string[]).includes(status)) throw new UsageError(`--status must be one of ${STATUS_CLASSES.join(', ')}, got "${status}"`);
  const method = values.method as string | undefined;
  if (method !== undefined && !/^[A-Za-z]+$/.test(method)) throw new UsageError(`--method must be an HTTP method such as GET, got "${method}"`);
  const filter: Omit<MethodArgs<'listRequests'>, 'limit' | 'after'> = {};
  if (values.env !== undefined) filter.environment = values.env as string;
  if (status !== undefined) filter.status = status as StatusClass;
  if (method !== undefined) filter.method = method.toUpperCase();
  if (values.path !== undefined) filter.path = values.path as string;
  const slower = wholeNumber(values['slower-than'], '--slower-than');
  if (slower !== undefined) filter.slowerThanMs = slower;
  return filter;
}

function wholeNumber(value: unknown, flag: string): number | undefined {
  if (value === undefined) return undefined;
  if (typeof value !== 'string' || !/^\d+$/.test(value)) throw new UsageError(`${flag} must be a whole number, got "${String(value)}"`);
  return Number(value);
}
