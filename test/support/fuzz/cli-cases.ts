import fs from 'node:fs';
import path from 'node:path';
import { deepJson, HUGE, ODD_UNICODE, PLAIN_UNICODE } from './bad-values';
import type { Random } from './random';

/** One `turnout` invocation that must fail with a one-line error: the command (for the tally) and its arguments. */
export interface CliCase {
  command: string;
  args: string[];
  why: string;
}

/** What the cases refer to: the running server, its stored names and the backends' URLs, and files to import. */
export interface CliWorld {
  active: string;
  other: string;
  backends: [string, string];
  /** The running server's database and addresses: a second `serve` on them must fail and store nothing. */
  dbFile: string;
  adminHostPort: string;
  proxyHostPort: string;
  files: Record<'missing' | 'directory' | 'notJson' | 'deep' | 'empty' | 'binary' | 'twice' | 'stored' | 'active' | 'wrongFormat' | 'tooBig', string>;
}

/** Free text that cannot name anything stored here. */
const odd = (random: Random): string => random.pick([...ODD_UNICODE, ...PLAIN_UNICODE, HUGE, '', ' ', '-']);
/** Not a whole decimal number in min…max: out of range, a fraction, hex or exponent notation, words, odd text. */
const badNumber = (random: Random, min: number, max: number): string => random.pick([String(min - 1), String(max + 1), '1.5', 'abc', '', ' ', '0x10', '1e1', '-0.5', 'Infinity', 'NaN', ...ODD_UNICODE]);

type Maker = (random: Random, world: CliWorld) => [string[], string];

/**
 * Per command: its words, and makers of bad arguments. A command that would succeed with no
 * arguments (status, undo, pause…) is only ever called with something wrong added.
 */
const COMMANDS: Record<string, Maker[]> = {
  status: [],
  ratio: [
    (r) => [[r.pick(['', '70', '70:30:10', '-1:101', 'abc', '50.5:49.5', '1e3:0', '100:100', ':', 'blue=', '=50', 'blue=abc', 'nope=100', HUGE, ...ODD_UNICODE])], 'a bad ratio'],
    () => [['blue=50', 'blue=50'], 'a name twice (duplicate)'],
    () => [['blue=60', 'green=60'], 'a sum over 100'],
    () => [[], 'no ratio'],
  ],
  undo: [],
  history: [
    (r) => [['--limit', badNumber(r, 1, 500)], 'a bad --limit'],
    (r) => [['--before', r.pick(['0', '-1', '1.5', 'abc', ...ODD_UNICODE])], 'a bad --before'],
    (r) => [['--kind', r.pick(['nope', 'RATIO', '', ...ODD_UNICODE])], 'an unknown --kind'],
    (r) => [['--profile', r.pick(['', HUGE])], 'an empty or huge --profile'],
  ],
  metrics: [(r) => [['--seconds', badNumber(r, 1, 300)], 'bad --seconds']],
  pause: [],
  resume: [],
  probe: [
    (r) => [[r.pick(['nope', 'Blue', HUGE, ...ODD_UNICODE])], 'an environment that does not exist'],
    (r) => [['blue', '--path', r.pick(['no-slash', '/a b', '', HUGE])], 'a bad --path'],
    () => [[], 'no environment'],
  ],
  export: [
    (r) => [[r.pick(['apache', 'NGINX', '', HUGE, ...ODD_UNICODE])], 'an unknown format'],
    (r) => [['nginx', '--profile', odd(r)], 'a profile that does not exist'],
    (_r, w) => [['nginx', '--out', w.files.directory], '--out is a directory'],
    (_r, w) => [['nginx', '--out', path.join(w.files.missing, 'x.conf')], '--out in a directory that does not exist'],
  ],
  'preset list': [],
  'preset apply': [(r) => [[odd(r)], 'a preset that does not exist'], () => [[], 'no name']],
  'preset save': [
    (r) => [[r.pick(['50:50', '100:0'])], 'a built-in preset name (duplicate)'],
    (r) => [[r.pick(['-dash', 'p'.repeat(33), 'a/b', HUGE, ...ODD_UNICODE])], 'a bad preset name'],
    (r) => [[`p${r.int(1e6)}`, r.pick(['abc', '60:60', 'nope=100', '-1:101'])], 'a bad ratio'],
  ],
  'preset delete': [(r) => [[r.pick(['50:50', '100:0'])], 'a built-in preset'], (r) => [[odd(r)], 'a preset that does not exist']],
  'profile list': [],
  'profile show': [(r) => [[odd(r)], 'a profile that does not exist']],
  'profile use': [(r) => [[odd(r)], 'a profile that does not exist'], () => [[], 'no name']],
  'profile create': [
    (_r, w) => [[w.active, '--backend', `blue=${w.backends[0]}`, '--backend', `green=${w.backends[1]}`], 'a stored name (duplicate)'],
    (r, w) => [[r.pick(ODD_UNICODE), '--backend', `blue=${w.backends[0]}`, '--backend', `green=${w.backends[1]}`], 'an unprintable name'],
    (r) => [[`Fuzz ${r.int(1e6)}`], 'no backends'],
    (r, w) => [[`Fuzz ${r.int(1e6)}`, '--backend', `blue=${w.backends[0]}`, '--backend', `blue=${w.backends[1]}`], 'an environment twice (duplicate)'],
    (r, w) => [[`Fuzz ${r.int(1e6)}`, '--backend', r.pick(['noequals', 'blue=ftp://x', 'Blue=http://127.0.0.1:1', 'blue=', '=http://127.0.0.1:1', `blue=${HUGE}`]), '--backend', `green=${w.backends[1]}`], 'a bad --backend'],
    (r, w) => [[`Fuzz ${r.int(1e6)}`, '--backend', `blue=${w.backends[0]}`, '--backend', `green=${w.backends[1]}`, r.pick(['--listen', '--ratio', '--routing', '--health-path', '--workers', '--data-plane', '--restore-ratio']), r.pick(['abc', '-1', '99999', '', HUGE, ...ODD_UNICODE])], 'a bad flag value'],
  ],
  'profile edit': [
    (r) => [[odd(r), '--ratio', '50:50'], 'a profile that does not exist'],
    (_r, w) => [[w.other, '--name', w.active], 'a rename onto a stored name (duplicate)'],
    (r, w) => [[w.other, '--name', r.pick(['', HUGE, ...ODD_UNICODE])], 'an empty, huge or unprintable new name'],
    (r, w) => [[w.other, r.pick(['--listen', '--ratio', '--routing', '--health-path', '--workers', '--data-plane', '--restore-ratio']), r.pick(['abc', '-1', '99999', '', ...ODD_UNICODE])], 'a bad flag value'],
  ],
  'profile duplicate': [(_r, w) => [[w.active, w.other], 'a copy onto a stored name (duplicate)'], (r) => [[odd(r), `Fuzz ${r.int(1e6)}`], 'a copy of a profile that does not exist'], (r, w) => [[w.active, r.pick(['', HUGE, ...ODD_UNICODE])], 'a bad new name']],
  'profile delete': [(_r, w) => [[w.active], 'the active profile'], (r) => [[odd(r)], 'a profile that does not exist'], () => [[], 'no name']],
  'profile export': [(r) => [[odd(r)], 'a profile that does not exist'], (_r, w) => [['--out', w.files.directory], '--out is a directory']],
  'profile import': [
    (r, w) => [[w.files[r.pick(['missing', 'directory', 'notJson', 'deep', 'empty', 'binary', 'twice', 'stored', 'wrongFormat', 'tooBig'] as const)]], 'a bad file'],
    (_r, w) => [[w.files.active, '--overwrite'], 'overwriting the active profile'],
    () => [[], 'no file'],
  ],
  'update start': [
    (r) => [[r.pick(['nope', 'Blue', HUGE, ...ODD_UNICODE])], 'an environment that does not exist'],
    (r) => [['blue', '--ramp', r.pick(['5@2m,50', '50,25,100', 'abc', '', '5@xyz,100', '0,100', HUGE])], 'a bad --ramp'],
    (r) => [['blue', r.pick(['--max-error-rate', '--max-p99', '--grace', '--verify-timeout', '--rollback', '--smoke']), r.pick(['-1', 'abc', '2', '', 'no-slash', ...ODD_UNICODE])], 'a bad flag value'],
    () => [[], 'no environment'],
    (r) => [['blue', '--shadow', r.pick(['0', '-1', 'abc', '100001', '1.5', ''])], 'a bad --shadow'],
    (r) => [['blue', r.pick(['--shadow-percent', '--shadow-max-mismatch', '--shadow-max-p99']), '20'], 'a shadow limit without --shadow'],
    (r) => [['blue', '--shadow', '10', '--shadow-max-mismatch', r.pick(['101', 'abc', '-5'])], 'a bad --shadow-max-mismatch'],
  ],
  'update next': [() => [[], 'no update is running'], () => [['--manual'], 'no update is running']],
  'update abort': [() => [[], 'no update is running'], (r) => [['--reason', r.pick(['', HUGE, 'r'.repeat(201), ...ODD_UNICODE])], 'a bad reason, or no update running']],
  'update status': [],
  'demo start': [(r) => [['--rps', badNumber(r, 0, 2000)], 'bad --rps'], (r) => [['--concurrency', badNumber(r, 1, 256)], 'bad --concurrency']],
  'demo stop': [() => [[], 'not a demo profile']],
  'demo load': [(r) => [[badNumber(r, 0, 2000)], 'a bad rate'], () => [['10'], 'not a demo profile'], () => [[], 'no rate']],
  'demo fault': [(r) => [['blue', '--latency', badNumber(r, 0, 30_000)], 'bad --latency'], (r) => [['blue', '--errors', r.pick(['-1', '101', 'abc'])], 'bad --errors'], () => [['blue', '--clear'], 'not a demo profile']],
  'demo crash': [(r) => [[r.pick(['blue', 'nope', ...ODD_UNICODE])], 'not a demo profile']],
  'demo restart': [(r) => [[r.pick(['green', 'nope', ...ODD_UNICODE])], 'not a demo profile']],
  'demo new-version': [(r) => [[r.pick(['blue', 'nope', ...ODD_UNICODE])], 'not a demo profile']],
  'demo status': [],
  logs: [
    () => [[], 'no environment'],
    (r) => [[r.pick(['nope', 'Blue', HUGE, ...ODD_UNICODE])], 'an environment that does not exist'],
    () => [['blue'], 'an environment Turnout does not run'],
    (r) => [['blue', '--lines', r.pick(['0', '1001', 'abc', '-5', '', ...ODD_UNICODE])], 'a bad --lines'],
  ],
  'env restart': [() => [[], 'no environment'], (r) => [[r.pick(['nope', HUGE, ...ODD_UNICODE])], 'an environment that does not exist'], () => [['blue'], 'an environment Turnout does not run']],
  adopt: [
    () => [[], 'no URL'],
    (r) => [[r.pick(['not a url', 'ftp://127.0.0.1:1', '', HUGE, ...ODD_UNICODE])], 'a bad URL'],
    () => [['http://127.0.0.1:9'], 'a URL where nothing answers'],
    (r) => [['http://127.0.0.1:9', '--timeout', r.pick(['0', '601', 'abc', '1.5', ''])], 'a bad --timeout'],
  ],
  requests: [
    (r) => [['--status', r.pick(['500', '6xx', '', 'xx', ...ODD_UNICODE])], 'a bad --status'],
    (r) => [[r.pick(['--limit', '--slower-than']), r.pick(['abc', '-1', '1.5', '', ...ODD_UNICODE])], 'a bad number'],
    (r) => [['--limit', r.pick(['0', '10001', '99999999'])], 'an out-of-range --limit'],
    (r) => [['--method', r.pick(['GE T', '1', '', ...ODD_UNICODE])], 'a bad --method'],
  ],
  'requests show': [() => [[], 'no record named'], () => [['99999999'], 'a record the ring does not hold'], (r) => [[r.pick(['nope', HUGE])], 'an id no record has']],
  replay: [
    () => [['1'], 'no --to'],
    (r) => [[r.pick(['0', '-1', 'abc', '1.5', ...ODD_UNICODE]), '--to', 'green'], 'a bad SEQ'],
    () => [['99999999', '--to', 'green'], 'a record the ring does not hold'],
    () => [[], 'no SEQ'],
  ],
  // The fuzz always passes --admin: tls ca then asks the server (tlsTrust); --db on top is refused.
  'tls ca': [(r, w) => [['--db', r.pick([w.dbFile, '', HUGE])], 'both --db and --admin'], () => [['now'], 'a stray argument']],
  'shadow start': [
    () => [['green'], 'no --percent'],
    (r) => [['green', '--percent', r.pick(['0', '-1', '101', 'abc', '', '1e2', ...ODD_UNICODE])], 'a bad --percent'],
    (r) => [[r.pick(['nope', 'Green', HUGE, ...ODD_UNICODE]), '--percent', '20'], 'an environment that does not exist'],
    () => [[], 'no environment'],
  ],
  'shadow stop': [],
  'shadow status': [],
};

/** Damage any command can take: unknown flags, a value for a switch, a flag with no value, stray arguments, a bad admin address or token. */
function generic(random: Random, command: string): [string[], string, { admin?: string; token?: string }?] {
  return random.pick<() => [string[], string, { admin?: string; token?: string }?]>([
    () => [[`--${random.pick(['nope', 'JSON', 'rati0', ...PLAIN_UNICODE])}`], 'an unknown flag'],
    () => [['--json=yes'], 'a value for a switch'],
    () => [['extra', 'arguments', 'here', 'and', 'more'], 'stray arguments'],
    () => [[], 'a wrong token', { token: random.pick(['wrong', '', HUGE, ...ODD_UNICODE]) }],
    () => [[], 'a bad admin address', { admin: random.pick(['not a url', 'ftp://127.0.0.1:1', '127.0.0.1:8801', '', HUGE, ...ODD_UNICODE]) }],
    () => [[], 'no Turnout at that address', { admin: 'http://127.0.0.1:9' }],
  ])().map((part, index) => (index === 1 ? `${part as string} (${command})` : part)) as [string[], string, { admin?: string; token?: string }?];
}

export interface PlannedCliCase extends CliCase {
  /** Client options to use instead of the running server's. */
  admin?: string;
  token?: string;
}

export const CLI_COMMANDS = Object.keys(COMMANDS);

/** `perCommand` failing invocations of each command but serve (which runs as a child: serveCases). */
export function cliCases(random: Random, world: CliWorld, perCommand: number): PlannedCliCase[] {
  const cases: PlannedCliCase[] = [];
  for (const command of CLI_COMMANDS) {
    const makers = COMMANDS[command]!;
    for (let i = 0; i < perCommand; i++) {
      if (makers.length === 0 || random.next() < 0.35) {
        const [args, why, client] = generic(random, command);
        cases.push({ command, args: [...command.split(' '), ...args], why, ...client });
      } else {
        const [args, why] = random.pick(makers)(random, world);
        cases.push({ command, args: [...command.split(' '), ...args], why });
      }
    }
  }
  return cases;
}

/**
 * `turnout serve` against the running server's database and admin address: whatever else is
 * wrong, its admin port is taken, so it can never start and hang the suite, and the store
 * promises to save nothing from a serve that did not start (app.ts).
 */
export function serveCases(random: Random, world: CliWorld, count: number): CliCase[] {
  const base = ['serve', '--db', world.dbFile, '--admin', world.adminHostPort];
  const makers: (() => [string[], string])[] = [
    () => [['--ratio', random.pick(['abc', '60:60', '-1:101', 'nope=100', '50:50:0'])], 'a bad --ratio'],
    () => [['--backend', random.pick(['noequals', 'blue=ftp://x', 'Blue=http://127.0.0.1:1', 'blue='])], 'a bad --backend'],
    () => [['--backend', `blue=${world.backends[0]}`, '--backend', `blue=${world.backends[1]}`], 'an environment twice (duplicate)'],
    () => [['--listen', random.pick(['abc', '127.0.0.1:99999', ':80', world.proxyHostPort])], 'a bad or taken --listen'],
    () => [['--workers', random.pick(['0', '65', '1.5', 'many', '-1'])], 'a bad --workers'],
    () => [['--nope'], 'an unknown flag'],
    () => [['extra'], 'a stray argument'],
    () => [[], 'the admin address is taken'],
  ];
  return Array.from({ length: count }, () => {
    const [args, why] = random.pick(makers)();
    return { command: 'serve', args: [...base, ...args], why };
  });
}

/** The files `profile import` is fuzzed with, written under `dir`. */
export function writeImportFiles(dir: string, stored: { active: unknown; other: unknown }): CliWorld['files'] {
  const file = (name: string, content: string | Buffer): string => {
    const where = path.join(dir, name);
    fs.writeFileSync(where, content);
    return where;
  };
  const wrap = (profiles: unknown[]) => JSON.stringify({ format: 'turnout-profiles', version: 1, profiles });
  const fresh = { ...(stored.other as object), name: 'Fuzz import' };
  fs.mkdirSync(path.join(dir, 'a-directory'));
  return {
    missing: path.join(dir, 'no-such-file.json'),
    directory: path.join(dir, 'a-directory'),
    notJson: file('not.json', '{"format": "turnout-profiles", '),
    deep: file('deep.json', deepJson(100_000, 'array')),
    empty: file('empty.json', ''),
    binary: file('binary.json', Buffer.from([0xff, 0xfe, 0x00, 0x01, 0x80, 0x81])),
    twice: file('twice.json', wrap([fresh, fresh])),
    stored: file('stored.json', wrap([stored.other])),
    active: file('active.json', wrap([stored.active])),
    wrongFormat: file('wrong-format.json', JSON.stringify({ format: 'nginx', version: 1, profiles: [fresh] })),
    tooBig: file('too-big.json', wrap([{ ...fresh, name: 'x'.repeat(2 * 1024 * 1024) }])),
  };
}
