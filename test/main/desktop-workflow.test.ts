import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import yaml from 'js-yaml';
import { describe, expect, it } from 'vitest';

/**
 * .github/workflows/desktop.yml, checked offline: action-validator (GitHub's workflow schema)
 * and what the workflow must do on each OS. Whether the hosted runners pass it is only known
 * there; this keeps it well-formed and pointing at scripts and files that exist.
 */
const ROOT = path.resolve(import.meta.dirname, '..', '..');
const WORKFLOW = path.join(ROOT, '.github', 'workflows', 'desktop.yml');
const VALIDATOR = path.join(ROOT, 'node_modules', '@action-validator', 'cli', 'cli.mjs');

interface Step {
  name?: string;
  uses?: string;
  run?: string;
  if?: string;
  with?: Record<string, unknown>;
}
interface Workflow {
  jobs: Record<string, { strategy: { matrix: { os: string[] } }; 'runs-on': string; defaults: { run: { shell: string } }; env: Record<string, string>; steps: Step[] }>;
}

function validate(file: string): { status: number | null; output: string } {
  const result = spawnSync(process.execPath, [VALIDATOR, file], { encoding: 'utf8', timeout: 30_000 });
  return { status: result.status, output: `${result.stdout}${result.stderr}` };
}

const workflow = yaml.load(fs.readFileSync(WORKFLOW, 'utf8')) as Workflow;
const job = workflow.jobs.desktop!;
const runs = job.steps.map((step) => step.run ?? '');
const scripts = (JSON.parse(fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8')) as { scripts: Record<string, string> }).scripts;

describe('the desktop workflow', () => {
  it('passes action-validator', () => {
    const result = validate(WORKFLOW);
    expect(result.output).toBe('');
    expect(result.status).toBe(0);
  });

  it('is refused by action-validator once broken (the check can fail)', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'turnout-workflow-'));
    try {
      const broken = path.join(dir, 'desktop.yml');
      fs.writeFileSync(broken, fs.readFileSync(WORKFLOW, 'utf8').replace('runs-on:', 'runs_on:'));
      const result = validate(broken);
      expect(result.status).not.toBe(0);
      expect(result.output).toContain("Additional property 'runs_on' is not allowed");
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  it('runs on Linux, macOS and Windows, each job to the end whatever the others do', () => {
    expect(job.strategy.matrix.os).toEqual(['ubuntu-latest', 'macos-latest', 'windows-latest']);
    expect(job['runs-on']).toBe('${{ matrix.os }}');
    expect((job.strategy as { 'fail-fast'?: boolean })['fail-fast']).toBe(false);
    // One shell everywhere: on Windows, PowerShell's npm.ps1 would drop the `--` of `npm run dist -- --publish never`.
    expect(job.defaults.run.shell).toBe('bash');
    expect(runs.find((run) => run.includes('npm run dist'))).toBe('npm run dist -- --publish never');
  });

  it('installs, builds, runs the real _electron suite (Linux under xvfb) without skipping it, then packages', () => {
    const order = ['npm ci', 'node node_modules/electron/install.js', 'npm run electron:native', 'npm run build', 'test/main/electron-app.test.ts', 'npm run dist'];
    const at = order.map((command) => runs.findIndex((run) => run.includes(command)));
    expect(at.every((index) => index >= 0), `${order.join(', ')} in ${runs.join(' | ')}`).toBe(true);
    expect([...at].sort((a, b) => a - b)).toEqual(at);
    const suites = job.steps.filter((step) => step.run?.includes('test/main/electron-app.test.ts'));
    expect(suites.map((step) => [step.if, step.run?.startsWith('xvfb-run ')])).toEqual([
      ["runner.os == 'Linux'", true],
      ["runner.os != 'Linux'", false],
    ]);
    // The suite skips itself where Electron cannot start; on the runners that is a failure.
    expect(job.env.TURNOUT_REQUIRE_ELECTRON).toBe('1');
    expect(fs.readFileSync(path.join(ROOT, 'test', 'main', 'electron-app.test.ts'), 'utf8')).toContain('TURNOUT_REQUIRE_ELECTRON');
  });

  it('names only scripts and files that exist', () => {
    for (const run of runs) for (const [, script] of run.matchAll(/npm run ([\w:-]+)/g)) expect(scripts, `npm run ${script}`).toHaveProperty(script!);
    for (const file of ['node_modules/electron/install.js', 'test/main/electron-app.test.ts', 'package-lock.json']) expect(fs.existsSync(path.join(ROOT, file)), file).toBe(true);
  });

  it('keeps the installers electron-builder makes (dist/) as artifacts, and fails when there are none', () => {
    const upload = job.steps.find((step) => step.uses?.startsWith('actions/upload-artifact@'));
    expect(upload?.with?.['if-no-files-found']).toBe('error');
    const paths = String(upload?.with?.path).trim().split('\n');
    expect(paths).toEqual(['dist/*.AppImage', 'dist/*.deb', 'dist/*.dmg', 'dist/*.exe']);
    const builder = yaml.load(fs.readFileSync(path.join(ROOT, 'electron-builder.yml'), 'utf8')) as { directories: { output: string }; linux: { target: string[] }; mac: { target: string[] }; win: { target: string[] } };
    expect(builder.directories.output).toBe('dist');
    expect([builder.linux.target, builder.mac.target, builder.win.target]).toEqual([['AppImage', 'deb'], ['dmg'], ['nsis']]);
  });
});
