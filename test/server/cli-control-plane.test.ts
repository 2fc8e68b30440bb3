import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { HistoryPage } from '../../shared/contract/history';
import type { ProfileDetail } from '../../shared/contract/methods';
import type { TurnoutState } from '../../shared/contract/state';
import { servedBy, tally, type Backend } from '../support/backends';
import { makeTempDir } from '../support/temp-dir';
import { cliAgainst, runCli, startServe, startServeWithBackends, type ServeProcess, type ServeWithBackends } from '../support/turnout-process';
import { freePort } from '../support/ports';

const TOKEN = 'cli-control-token';

describe('turnout CLI: profiles, presets, history, undo (child processes)', () => {
  let temp: ReturnType<typeof makeTempDir>;
  let blue: Backend;
  let green: Backend;
  let serve: ServeProcess;
  const { cli, ok } = cliAgainst(() => serve.adminUrl, TOKEN);

  let running: ServeWithBackends;
  beforeAll(async () => {
    temp = makeTempDir();
    running = await startServeWithBackends(temp.dir, TOKEN);
    ({ serve, blue, green } = running);
  });

  afterAll(async () => {
    await running?.stop();
    temp.cleanup();
  });

  it('creates a profile, switches to it, and traffic follows', async () => {
    const port = await freePort();
    const created = JSON.parse(
      await ok('profile', 'create', 'Staging', '--backend', `blue=${blue.url}`, '--backend', `green=${green.url}`, '--listen', `127.0.0.1:${port}`, '--ratio', '0:100', '--health-path', '/healthz', '--json'),
    ) as ProfileDetail;
    expect(created.profile.environments.map((env) => [env.weight, env.health.path])).toEqual([
      [0, '/healthz'],
      [100, '/healthz'],
    ]);
    expect(await ok('profile', 'list')).toMatch(/^\* Local .*\n {2}Staging +127\.0\.0\.1:\d+ +round-robin +0 … 100\n$/);
    const state = JSON.parse(await ok('profile', 'use', 'Staging', '--json')) as TurnoutState;
    expect(state.proxy.url).toBe(`http://127.0.0.1:${port}`);
    expect(tally(await servedBy(state.proxy.url, 4))).toEqual({ green: 4 });
  });

  it('saves and applies a preset, undoes it, and shows it all in the history', async () => {
    expect(await ok('preset', 'save', 'canary', '90:10')).toMatch(/canary +90 … 10$/m);
    expect(await ok('preset', 'apply', 'canary')).toContain('ratio 90 … 10');
    expect(await ok('undo')).toContain('ratio 0 … 100');
    const page = JSON.parse(await ok('history', '--limit', '3', '--json')) as HistoryPage;
    expect(page.entries.map((e) => [e.kind, e.action, e.source])).toEqual([
      ['undo', expect.stringMatching(/^undo #\d+$/), 'cli'],
      ['ratio', 'preset canary', 'cli'],
      ['preset', 'save', 'cli'],
    ]);
    expect(await ok('history', '--limit', '1')).toMatch(/^#\d+ +\d{4}-\d\d-\d\d \d\d:\d\d:\d\d +cli +Staging +undo .*: 90 … 10 → 0 … 100/);
  });

  it('edits a profile with flags and refuses what breaks the rules, changing nothing', async () => {
    expect(await ok('profile', 'edit', 'Local', '--name', 'Home', '--routing', 'sticky')).toMatch(/^Profile Home\n.*\nRouting sticky/);
    const refused = await cli('profile', 'delete', 'Staging');
    expect([refused.code, refused.stderr]).toEqual([1, expect.stringMatching(/^turnout: "Staging" is the active profile; switch to another one first\n$/)]);
    const badRatio = await cli('profile', 'edit', 'Home', '--ratio', '60:60');
    expect([badRatio.code, badRatio.stderr]).toEqual([1, expect.stringMatching(/sum to 100/)]);
    expect(await ok('profile', 'show', 'Home')).toContain('Routing sticky');
  });

  it('exports to a file; an import of a broken file names the field and imports nothing', async () => {
    const file = path.join(temp.dir, 'profiles.json');
    expect(await ok('profile', 'export', 'Home', '--out', file)).toBe(`Exported 1 profile(s) to ${file}.\n`);
    const exported = JSON.parse(fs.readFileSync(file, 'utf8')) as { profiles: { name: string; environments: { url: string }[] }[] };
    exported.profiles.push({ ...exported.profiles[0]!, name: 'Broken', environments: [exported.profiles[0]!.environments[0]!, { ...exported.profiles[0]!.environments[1]!, url: 'nope' }] });
    exported.profiles[0]!.name = 'Fine';
    fs.writeFileSync(file, JSON.stringify(exported));
    const refused = await cli('profile', 'import', file);
    expect(refused.code).toBe(1);
    expect(refused.stderr).toContain(`${file}: profiles.1.environments.1.url: must be an absolute http:// or https:// URL`);
    expect(await ok('profile', 'list')).not.toMatch(/Fine|Broken/);
    exported.profiles.pop();
    fs.writeFileSync(file, JSON.stringify(exported));
    expect(await ok('profile', 'import', file)).toBe('Imported Fine.\n');
  });

  it('answers usage mistakes with exit code 2', async () => {
    expect((await cli('profile')).code).toBe(2);
    expect((await cli('preset', 'frobnicate')).code).toBe(2);
  });
});

describe('turnout serve with a database it must refuse', () => {
  let temp: ReturnType<typeof makeTempDir>;
  beforeAll(() => {
    temp = makeTempDir();
  });
  afterAll(() => temp.cleanup());

  it('names the file and suggests --fresh-db; with it, starts on a fresh file and leaves the old one alone', async () => {
    const db = path.join(temp.dir, 'turnout.db');
    const junk = Buffer.from('precious, but not SQLite\n'.repeat(100));
    fs.writeFileSync(db, junk);
    const env = { TURNOUT_TOKEN: TOKEN };
    const refused = await runCli(['serve', '--db', db, '--listen', '127.0.0.1:0', '--admin', '127.0.0.1:0'], env);
    expect(refused.code).toBe(1);
    expect(refused.stderr).toContain(`${db} is not a readable Turnout database`);
    expect(refused.stderr).toContain(`--fresh-db to start on ${path.join(temp.dir, 'turnout.fresh.db')}`);
    const fresh = await startServe(['--db', db, '--fresh-db', '--listen', '127.0.0.1:0', '--admin', '127.0.0.1:0'], env);
    try {
      expect(fresh.output()).toContain(`Data    ${path.join(temp.dir, 'turnout.fresh.db')}`);
      expect(fresh.output()).toContain('Profile Demo');
    } finally {
      await fresh.stop();
    }
    expect(fs.readFileSync(db).equals(junk)).toBe(true);
  });
});
