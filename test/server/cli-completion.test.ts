import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { COMMANDS, isGroup } from '../../electron/server/cli/commands';
import type { Command } from '../../electron/server/cli/common';
import { makeTempDir } from '../support/temp-dir';
import { REPO_ROOT, runCli, startServeWithBackends, type ServeWithBackends } from '../support/turnout-process';

const VERSION = (JSON.parse(fs.readFileSync(path.join(REPO_ROOT, 'package.json'), 'utf8')) as { version: string }).version;
const TOKEN = 'completion-token';

describe('turnout --version', () => {
  it('prints package.json\'s version, with --version and -v', async () => {
    for (const flag of ['--version', '-v']) expect(await runCli([flag])).toEqual({ code: 0, stdout: `${VERSION}\n`, stderr: '' });
  });

  it('has it built in: the built CLI copied where no package.json is near still knows it', () => {
    const temp = makeTempDir('turnout-version-');
    try {
      fs.cpSync(path.join(REPO_ROOT, 'out', 'cli'), path.join(temp.dir, 'cli'), { recursive: true });
      const run = spawnSync(process.execPath, [path.join(temp.dir, 'cli', 'turnout.js'), '--version'], { cwd: temp.dir, encoding: 'utf8' });
      expect([run.status, run.stdout, run.stderr]).toEqual([0, `${VERSION}\n`, '']);
    } finally {
      temp.cleanup();
    }
  });
});

/**
 * The bash script for real: sourced into bash, _turnout called as bash calls it on a TAB
 * (COMP_WORDS, COMP_CWORD), COMPREPLY read back. `turnout` in the script is this checkout's
 * bin/turnout.js, through a shell function.
 */
describe('turnout completion bash', () => {
  let temp: ReturnType<typeof makeTempDir>;
  let script: string;
  let running: ServeWithBackends;

  beforeAll(async () => {
    temp = makeTempDir('turnout-completion-');
    const generated = await runCli(['completion', 'bash']);
    expect(generated).toMatchObject({ code: 0, stderr: '' });
    script = path.join(temp.dir, 'turnout.bash');
    fs.writeFileSync(script, generated.stdout);
    running = await startServeWithBackends(temp.dir, TOKEN);
  });

  afterAll(async () => {
    await running?.stop();
    temp?.cleanup();
  });

  /** What a TAB after `words` offers (the last word is the one being completed). */
  function complete(words: string[], env: NodeJS.ProcessEnv = {}): string[] {
    const program = [
      `turnout() { ${JSON.stringify(process.execPath)} ${JSON.stringify(path.join(REPO_ROOT, 'bin', 'turnout.js'))} "$@"; }`,
      `source ${JSON.stringify(script)}`,
      `COMP_WORDS=(turnout ${words.map((word) => `'${word}'`).join(' ')})`,
      'COMP_CWORD=$((${#COMP_WORDS[@]} - 1))',
      '_turnout',
      'printf "%s\\n" "${COMPREPLY[@]}"',
    ].join('\n');
    const run = spawnSync('bash', ['--norc', '--noprofile', '-c', program], { cwd: temp.dir, encoding: 'utf8', env: { ...process.env, TURNOUT_TOKEN: '', TURNOUT_ADMIN: '', ...env } });
    expect(run.stderr).toBe('');
    expect(run.status).toBe(0);
    return run.stdout.split('\n').filter((line) => line !== '');
  }

  it('completes the commands, hidden ones left out, and a group\'s subcommands', () => {
    expect(complete([''])).toEqual(Object.keys(COMMANDS).filter((name) => !name.startsWith('__')));
    expect(complete(['pr'])).toEqual(['probe', 'preset', 'profile']);
    expect(complete(['profile', ''])).toEqual(['list', 'show', 'use', 'create', 'edit', 'duplicate', 'delete', 'export', 'import']);
    expect(complete(['update', 's'])).toEqual(['status', 'start']);
  });

  it('completes the flags a command parses, and every flag its --help names', async () => {
    expect(complete(['serve', '--f'])).toEqual(['--fresh-db']);
    expect(complete(['profile', 'edit', 'x', '--r'])).toEqual(['--ratio', '--routing', '--restore-ratio', '--record', '--record-capacity', '--redact']);
    expect(complete(['status', '--'])).toEqual(['--admin', '--token', '--json', '--help']);
    // Every leaf command: the flags its help text shows are all offered after "--".
    const leaves: Array<[string[], Command]> = [];
    for (const [name, load] of Object.entries(COMMANDS)) {
      if (name.startsWith('__')) continue;
      const target = await load();
      if (isGroup(target)) for (const [sub, command] of Object.entries(target.commands)) leaves.push([[name, sub], command]);
      else leaves.push([[name], target]);
    }
    for (const [words, command] of leaves) {
      const offered = complete([...words, '--']);
      const inHelp = new Set(command.usage.match(/--[a-z][a-z0-9-]*/g) ?? []);
      expect([...inHelp].filter((flag) => !offered.includes(flag)), `turnout ${words.join(' ')}`).toEqual([]);
    }
  });

  it('completes flag values and arguments from the domain: routing methods, export formats, files', () => {
    expect(complete(['profile', 'create', 'x', '--routing', ''])).toEqual(['round-robin', 'sticky', 'failover']);
    expect(complete(['export', ''])).toEqual(['nginx', 'haproxy', 'traefik', 'gateway-api']);
    expect(complete(['completion', ''])).toEqual(['bash', 'zsh']);
    // A word after a flag that takes a value is that value: "status" here is the --kind, and files come for --out.
    expect(complete(['history', '--kind', 'r'])).toEqual(['ratio']);
    expect(complete(['export', 'nginx', '--out', 'turnout.b'])).toEqual(['turnout.bash']);
    // A free value (a URL) gets nothing made up.
    expect(complete(['status', '--admin', ''])).toEqual([]);
  });

  it('completes profile, preset and environment names by asking the running Turnout (--admin and --token from the line)', async () => {
    const admin = running.serve.adminUrl;
    const created = await runCli(['profile', 'create', 'staging eu', '--backend', `blue=${running.blue.url}`, '--backend', `green=${running.green.url}`, '--listen', '127.0.0.1:0', '--admin', admin], { TURNOUT_TOKEN: TOKEN });
    expect(created).toMatchObject({ code: 0, stderr: '' });
    const names = complete(['profile', 'use', '--admin', admin, '--token', TOKEN, '']);
    expect(names).toContain('staging\\ eu'); // escaped for the command line
    expect(names).toHaveLength(2);
    expect(complete(['profile', 'use', '--admin', admin, '--token', TOKEN, 'st'])).toEqual(['staging\\ eu']);
    // The token from the environment, as `status` takes it.
    expect(complete(['probe', '--admin', admin, 'g'], { TURNOUT_TOKEN: TOKEN })).toEqual(['green']);
    expect(complete(['preset', 'apply', '--admin', admin, '--token', TOKEN, '100'])).toEqual(['100:0']);
    expect(complete(['history', '--admin', admin, '--token', TOKEN, '--profile', 'sta'])).toEqual(['staging\\ eu']);
  });

  it('offers nothing, and prints nothing, when no Turnout answers or the token is wrong', async () => {
    expect(complete(['profile', 'use', '--admin', 'http://127.0.0.1:9', ''])).toEqual([]);
    expect(complete(['profile', 'use', '--admin', running.serve.adminUrl, '--token', 'wrong', ''])).toEqual([]);
    expect(await runCli(['__complete', 'profile', '--admin', 'http://127.0.0.1:9', '--token', 'x'])).toEqual({ code: 0, stdout: '', stderr: '' });
  });
});

/**
 * zsh is not installed on this machine or in CI (.ci/run installs no shell), so the zsh
 * script cannot be run here: this checks its shape, and runs its table, the part generated
 * from the command table, in bash (it is the bash script's table, plain POSIX `case`).
 */
describe('turnout completion zsh', () => {
  it('is a #compdef script over the same table as the bash one', async () => {
    const zsh = await runCli(['completion', 'zsh']);
    const bash = await runCli(['completion', 'bash']);
    expect(zsh).toMatchObject({ code: 0, stderr: '' });
    expect(zsh.stdout.split('\n')[0]).toBe('#compdef turnout');
    const table = (text: string): string => /^_turnout_table\(\) \{\n[\s\S]*?\n\}$/m.exec(text)?.[0] ?? '';
    expect(table(zsh.stdout)).not.toBe('');
    expect(table(zsh.stdout)).toBe(table(bash.stdout));
    expect(zsh.stdout).toContain('compdef _turnout turnout');
    expect(zsh.stdout).toMatch(/__complete "\$\{1#@\}"/);
    const run = spawnSync('bash', ['--norc', '-c', `${table(zsh.stdout)}\n_turnout_table args 'profile use'; _turnout_table value 'serve' --routing`], { encoding: 'utf8' });
    expect(run.stdout).toBe('@profile\nround-robin sticky failover\n');
  });

  it('refuses a shell it does not know with a usage error', async () => {
    expect(await runCli(['completion', 'fish'])).toEqual({ code: 2, stdout: '', stderr: 'turnout: completion supports bash and zsh, got "fish" (see --help)\n' });
  });
});
