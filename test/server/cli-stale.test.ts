import { spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { REPO_ROOT } from '../support/turnout-process';
import { makeTempDir } from '../support/temp-dir';

/** What a checkout needs to build and run the CLI; node_modules is linked, not copied. */
const CHECKOUT = ['bin', 'scripts', 'electron', 'shared', 'vite.cli.config.ts', 'package.json', 'package-lock.json', 'tsconfig.base.json'];
const USAGE = /^Usage: turnout <command>/;

interface Run {
  code: number | null;
  stdout: string;
  stderr: string;
}

/**
 * bin/turnout.js in a copy of the checkout (so sources can be edited without touching this
 * one): it must never run a build older than its sources.
 */
describe('bin/turnout.js and a stale build', () => {
  let temp: ReturnType<typeof makeTempDir>;
  const file = (relative: string): string => path.join(temp.dir, relative);
  const edit = (relative: string, change: (text: string) => string): void => fs.writeFileSync(file(relative), change(fs.readFileSync(file(relative), 'utf8')));
  const turnout = (args: string[], env: NodeJS.ProcessEnv = {}): Promise<Run> =>
    new Promise((resolve, reject) => {
      const child = spawn(process.execPath, [file('bin/turnout.js'), ...args], { cwd: temp.dir, env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
      let stdout = '';
      let stderr = '';
      child.stdout.on('data', (chunk) => (stdout += chunk));
      child.stderr.on('data', (chunk) => (stderr += chunk));
      child.once('error', reject);
      child.once('close', (code) => resolve({ code, stdout, stderr }));
    });

  beforeAll(() => {
    temp = makeTempDir('turnout-cli-stale-');
    for (const entry of CHECKOUT) fs.cpSync(path.join(REPO_ROOT, entry), file(entry), { recursive: true, preserveTimestamps: true });
    fs.symlinkSync(path.join(REPO_ROOT, 'node_modules'), file('node_modules'), 'dir');
  });

  afterAll(() => temp?.cleanup());

  it('builds first when there is no build, saying so in one line on stderr, then runs the command', async () => {
    const run = await turnout(['--help']);
    expect(run.code).toBe(0);
    expect(run.stderr).toBe('turnout: the CLI is not built yet; rebuilding the CLI first (npm run build:cli)\n');
    expect(run.stdout).toMatch(USAGE);
    expect(fs.existsSync(file('out/cli/stamp.json'))).toBe(true);
  }, 60_000);

  it('runs a current build without a word, also when a source was rewritten unchanged (a checkout, a touch)', async () => {
    expect(await turnout(['--help'])).toMatchObject({ code: 0, stderr: '' });
    const now = new Date();
    fs.utimesSync(file('electron/server/cli.ts'), now, now);
    expect(await turnout(['--help'])).toMatchObject({ code: 0, stderr: '' });
  });

  it('rebuilds when a source changed, naming it, and runs the new code', async () => {
    edit('electron/server/cli.ts', (text) => text.replace('Usage: turnout <command> [options]', 'Usage: turnout <command> [options] (edited)'));
    const run = await turnout(['--help']);
    expect(run.code).toBe(0);
    expect(run.stderr).toBe('turnout: electron/server/cli.ts changed since the last build; rebuilding the CLI first (npm run build:cli)\n');
    expect(run.stdout).toMatch(/^Usage: turnout <command> \[options\] \(edited\)/);
    expect(await turnout(['--help'])).toMatchObject({ code: 0, stderr: '' });
  }, 60_000);

  it('lets one of several commands that find the build stale at once rebuild it, and runs them all', async () => {
    edit('electron/server/cli/client-help.ts', (text) => text.replace('Client options:', 'Client options (again):'));
    const runs = await Promise.all([1, 2, 3].map(() => turnout(['--help'])));
    for (const run of runs) {
      expect(run.code).toBe(0);
      expect(run.stdout).toContain('Client options (again):');
    }
    expect(fs.readdirSync(file('out')).sort()).toEqual(['cli']);
  }, 90_000);

  it('refuses to run on a source that does not build, in one line naming the file, and builds again once it is fixed', async () => {
    edit('electron/server/cli.ts', (text) => `${text}\nexport const = ;\n`);
    const broken = await turnout(['--help']);
    expect(broken.code).toBe(1);
    expect(broken.stdout).toBe('');
    const lines = broken.stderr.trimEnd().split('\n');
    expect(lines).toHaveLength(2);
    expect(lines[1]).toMatch(/^turnout: the CLI could not be built: electron\/server\/cli\.ts:\d+:\d+: .+ \(details: npm run build:cli\)$/);
    edit('electron/server/cli.ts', (text) => text.replace('\nexport const = ;\n', ''));
    expect(await turnout(['--help'])).toMatchObject({ code: 0, stdout: expect.stringMatching(USAGE) });
  }, 60_000);

  it('runs the TypeScript sources through tsx with TURNOUT_FROM_SOURCE=1, building nothing', async () => {
    edit('electron/server/cli.ts', (text) => text.replace('(edited)', '(from source)'));
    const run = await turnout(['--help'], { TURNOUT_FROM_SOURCE: '1' });
    expect(run).toMatchObject({ code: 0, stderr: '' });
    expect(run.stdout).toMatch(/\(from source\)/);
    // The build was left alone: still stale, so the next plain run rebuilds.
    expect((await turnout(['--help'])).stderr).toMatch(/electron\/server\/cli\.ts changed since the last build/);
  }, 60_000);
});
