import { spawn } from 'node:child_process';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { Store } from '../../electron/core/store/store';
import { makeTempDir } from '../support/temp-dir';
import { REPO_ROOT } from '../support/turnout-process';

const WRITES = 200;

describe('store survives kill -9 mid-write', () => {
  let temp: ReturnType<typeof makeTempDir>;
  beforeEach(() => {
    temp = makeTempDir();
  });
  afterEach(() => temp.cleanup());

  it('opens afterwards holding only whole profiles, every acknowledged one included', async () => {
    const file = path.join(temp.dir, 'turnout.db');
    const writer = spawn(process.execPath, ['--import', 'tsx', path.join(REPO_ROOT, 'test/support/profile-writer.ts'), file, String(WRITES)], {
      cwd: REPO_ROOT,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let acknowledged = -1;
    let errors = '';
    writer.stderr.on('data', (chunk: Buffer) => (errors += chunk.toString()));
    const killedAt = await new Promise<number>((resolve, reject) => {
      writer.stdout.on('data', (chunk: Buffer) => {
        const lines = chunk.toString().trim().split('\n');
        acknowledged = Number(lines.at(-1));
        // Mid-way: well after the start, well before the end.
        if (acknowledged >= WRITES / 3 && writer.exitCode === null && !writer.killed) {
          writer.kill('SIGKILL');
          resolve(acknowledged);
        }
      });
      writer.on('exit', (code, signal) => (signal === 'SIGKILL' ? undefined : reject(new Error(`writer exited early (${code}): ${errors}`))));
    });
    await new Promise((resolve) => (writer.exitCode !== null || writer.signalCode !== null ? resolve(null) : writer.once('exit', resolve)));

    const store = Store.open(file);
    try {
      // list() validates every profile with the schema: a half write would throw or miss rows.
      const profiles = store.profiles.list().map((stored) => stored.profile);
      expect(profiles.length).toBeGreaterThan(killedAt);
      expect(profiles.length).toBeLessThan(WRITES);
      for (const profile of profiles) {
        expect(profile.environments).toHaveLength(8);
        expect(profile.presets).toHaveLength(8);
        expect(profile.environments.reduce((sum, env) => sum + env.weight, 0)).toBe(100);
      }
      const names = new Set(profiles.map((profile) => profile.name));
      for (let i = 0; i <= killedAt; i++) expect(names.has(`p${i}`)).toBe(true);
    } finally {
      store.close();
    }
  });
});
