import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CLI_COMMAND_FOR_METHOD, main, type CliIo } from '../../electron/server/cli';
import type { Profile } from '../../shared/domain/profile';
import { CLI_COMMANDS, cliCases, serveCases, writeImportFiles, type CliWorld, type PlannedCliCase } from '../support/fuzz/cli-cases';
import { fuzzSeed, Random } from '../support/fuzz/random';
import { callApi, storeSnapshot } from '../support/fuzz/store-snapshot';
import { makeTempDir } from '../support/temp-dir';
import { runCli, startServeWithBackends, type ServeWithBackends } from '../support/turnout-process';

const TOKEN = 'fuzz-token';
/** Failing invocations per command, run in this process (the CLI's real code, no start-up cost). */
const PER_COMMAND = 20;
/** `turnout serve` cases and a sample of the others, run as child processes as a user would. */
const AS_CHILD = 12;

/** What a failure must look like: exit 1 or 2, nothing on stdout, one printable line on stderr. */
function notOneLineFailure(code: number | null, out: string, err: string): string | undefined {
  const line = err.replace(/\n$/, '');
  if (code !== 1 && code !== 2) return `exit code ${code}`;
  if (out !== '') return `stdout: ${out.slice(0, 200)}`;
  if (!line.startsWith('turnout: ')) return `stderr: ${JSON.stringify(line.slice(0, 200))}`;
  if (/[\p{Cc}\u2028\u2029]/u.test(line)) return `stderr is not one printable line: ${JSON.stringify(line.slice(0, 300))}`;
  if (line.length > 1000) return `stderr is ${line.length} characters long: ${JSON.stringify(line.slice(0, 200))}…`;
  return undefined;
}

async function runInProcess(item: PlannedCliCase, admin: string): Promise<{ code: number; out: string; err: string }> {
  const out: string[] = [];
  const err: string[] = [];
  const io: CliIo = { out: (line) => out.push(line), err: (line) => err.push(line), env: {} };
  const code = await main([...item.args, '--admin', item.admin ?? admin, '--token', item.token ?? TOKEN], io);
  return { code, out: out.join('\n'), err: err.join('\n') };
}

/**
 * argv cannot carry NUL or a lone surrogate (it arrives as U+FFFD: another, valid text), and
 * one argument is capped at 128 KiB: such cases run only in-process.
 */
const childSafe = (item: PlannedCliCase): boolean =>
  [...item.args, item.admin ?? '', item.token ?? ''].every((arg) => !arg.includes('\u0000') && !/\p{Cs}/u.test(arg) && arg.length < 100_000);

/**
 * Every CLI command against bad input, with a real `turnout serve` behind: each must fail
 * with a one-line error, the server must stay up, and nothing stored may change.
 */
describe('fuzzing the CLI: bad input is a one-line error, the server stays up, nothing stored changes', () => {
  let temp: ReturnType<typeof makeTempDir>;
  let running: ServeWithBackends;
  let world: CliWorld;
  const admin = () => running.serve.adminUrl;

  beforeAll(async () => {
    temp = makeTempDir('turnout-fuzz-cli-');
    running = await startServeWithBackends(temp.dir, TOKEN);
    const active = ((await callApi(admin(), TOKEN, 'getProfile', '{}')).body as { profile: Profile }).profile;
    const other = { ...active, name: 'Other', listen: '127.0.0.1:0' };
    expect((await callApi(admin(), TOKEN, 'createProfile', JSON.stringify({ profile: other }))).status).toBe(200);
    world = {
      active: active.name,
      other: other.name,
      backends: [running.blue.url, running.green.url],
      dbFile: path.join(temp.dir, 'turnout.db'),
      adminHostPort: new URL(admin()).host,
      proxyHostPort: new URL(running.serve.proxyUrl).host,
      files: writeImportFiles(temp.dir, { active, other }),
    };
  });

  afterAll(async () => {
    await running?.stop();
    temp?.cleanup();
  });

  it('covers every command that serves a contract method', () => {
    expect(CLI_COMMANDS).toEqual(expect.arrayContaining([...new Set(Object.values(CLI_COMMAND_FOR_METHOD))]));
  });

  it(`fails ${PER_COMMAND} bad invocations of each of the ${CLI_COMMANDS.length} commands with one line, in-process and as a child`, async () => {
    const seed = fuzzSeed();
    const random = new Random(seed);
    const cases = cliCases(random, world, PER_COMMAND);
    const wrong: string[] = [];
    const show = (item: PlannedCliCase) => `${item.command} (${item.why}): ${JSON.stringify([...item.args, ...(item.admin !== undefined ? ['--admin', item.admin] : []), ...(item.token !== undefined ? ['--token', item.token] : [])]).slice(0, 240)}`;
    let before = await storeSnapshot(admin(), TOKEN);
    for (const command of CLI_COMMANDS) {
      for (const item of cases.filter((candidate) => candidate.command === command)) {
        const result = await runInProcess(item, admin());
        const problem = notOneLineFailure(result.code, result.out, result.err);
        if (problem) wrong.push(`${show(item)} → ${problem}`);
      }
      const after = await storeSnapshot(admin(), TOKEN);
      if (JSON.stringify(after) !== JSON.stringify(before)) wrong.push(`${command}: the stored data changed: ${JSON.stringify(after).slice(0, 1500)}`);
      before = after;
    }

    // As a user runs them: serve against the live database, and a sample of the rest.
    const children = [...serveCases(random, world, AS_CHILD), ...Array.from({ length: AS_CHILD }, () => random.pick(cases.filter(childSafe)))];
    for (const item of children) {
      const client = item.command === 'serve' ? [] : ['--admin', (item as PlannedCliCase).admin ?? admin(), '--token', (item as PlannedCliCase).token ?? TOKEN];
      const result = await runCli([...item.args, ...client], { TURNOUT_TOKEN: TOKEN });
      const problem = notOneLineFailure(result.code, result.stdout, result.stderr);
      if (problem) wrong.push(`child ${show(item)} → ${problem}`);
    }
    const after = await storeSnapshot(admin(), TOKEN);
    if (JSON.stringify(after) !== JSON.stringify(before)) wrong.push(`child processes: the stored data changed: ${JSON.stringify(after).slice(0, 1500)}`);

    console.log(`CLI fuzz: ${cases.length} cases in-process and ${children.length} as child processes (seed ${seed}), ${wrong.length} wrong`);
    expect(wrong).toEqual([]);
    expect(running.serve.child.exitCode, running.serve.output().slice(-2000)).toBeNull();
    expect((await fetch(`${admin()}/healthz`)).status).toBe(200);
  }, 300_000);
});
