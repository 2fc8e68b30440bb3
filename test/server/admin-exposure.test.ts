import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { AdminExposureError } from '../../electron/server/admin-address';
import { startTurnout } from '../../electron/server/app';
import { startTurnoutIn } from '../support/turnout-fixture';
import { makeTempDir } from '../support/temp-dir';
import { cliAgainst, runCli, startServe } from '../support/turnout-process';

const TOKEN = 'admin-exposure-token';
const BACKENDS = ['blue=http://127.0.0.1:1', 'green=http://127.0.0.1:2'];

/** A LAN address of this machine, if it has one (only bound to be refused: no traffic goes there). */
const lanAddress = Object.values(os.networkInterfaces())
  .flat()
  .find((entry) => entry && !entry.internal && entry.family === 'IPv4')?.address;

/** Every file in `dir` with a hash of its bytes: equal snapshots mean nothing stored changed. */
function snapshot(dir: string): Record<string, string> {
  if (!fs.existsSync(dir)) return {};
  return Object.fromEntries(fs.readdirSync(dir).sort().map((name) => [name, crypto.createHash('sha256').update(fs.readFileSync(path.join(dir, name))).digest('hex')]));
}

describe('the admin surface is never exposed by accident', () => {
  let temp: ReturnType<typeof makeTempDir>;
  beforeAll(() => {
    temp = makeTempDir();
  });
  afterAll(() => temp.cleanup());

  it.each([['0.0.0.0:0'], ['[::]:0'], ...(lanAddress ? [[`${lanAddress}:0`]] : [])])(
    'serve --admin %s is refused in one line that says why and how to allow it, writing nothing',
    async (admin) => {
      const dataDir = path.join(temp.dir, `fresh-${crypto.randomUUID()}`);
      // No TURNOUT_TOKEN: a start that went further would write the token file into dataDir.
      const result = await runCli(['serve', '--db', path.join(dataDir, 'turnout.db'), '--listen', '127.0.0.1:0', '--admin', admin], { TURNOUT_TOKEN: '' });
      expect(result.code).toBe(1);
      expect(result.stdout).toBe('');
      expect(result.stderr.trim().split('\n')).toHaveLength(1);
      expect(result.stderr).toContain(`admin address ${admin} is not loopback`);
      expect(result.stderr).toContain('--allow-remote-admin');
      expect(fs.existsSync(dataDir)).toBe(false);
    },
  );

  it('a refusal leaves a stored profile and its database untouched (serve and the composition root)', async () => {
    const dataDir = path.join(temp.dir, 'stored');
    const db = path.join(dataDir, 'turnout.db');
    await (await startTurnoutIn(dataDir, TOKEN, BACKENDS, '50:50')).stop();
    const before = snapshot(dataDir);

    const refused = await runCli(['serve', '--db', db, '--admin', '0.0.0.0:0', '--backend', 'red=http://127.0.0.1:3', '--backend', 'black=http://127.0.0.1:4', '--ratio', '10:90'], { TURNOUT_TOKEN: TOKEN });
    expect(refused.code).toBe(1);
    expect(snapshot(dataDir)).toEqual(before);

    const direct = startTurnout({ dbFile: db, admin: '0.0.0.0:0', token: TOKEN, overrides: { listen: '127.0.0.1:0', ratio: '10:90' } });
    await expect(direct).rejects.toBeInstanceOf(AdminExposureError);
    expect(snapshot(dataDir)).toEqual(before);
  });

  it('--allow-remote-admin starts on 0.0.0.0, warns on every start, and links the panel on 127.0.0.1', async () => {
    const db = path.join(temp.dir, 'remote', 'turnout.db');
    const flags = ['--db', db, '--listen', '127.0.0.1:0', '--admin', '0.0.0.0:0', '--allow-remote-admin'];
    // The second start reuses the stored profile: the warning is said again.
    for (const start of [[...flags, ...BACKENDS.flatMap((backend) => ['--backend', backend])], flags]) {
      const serve = await startServe(start, { TURNOUT_TOKEN: TOKEN });
      try {
        // The warning goes to stderr, a pipe of its own: it may be read after stdout's "Ready.".
        await vi.waitFor(() => expect(serve.output()).toMatch(/^turnout: WARNING: the admin API and control panel listen on 0\.0\.0\.0:\d+, reachable from other machines/m));
        expect(serve.output()).toContain('travel in clear text');
        expect(serve.output()).toMatch(/^Panel\s+http:\/\/127\.0\.0\.1:\d+\/#token=/m);
        const { ok } = cliAgainst(() => serve.adminUrl, TOKEN);
        expect(await ok('status')).toContain('blue');
      } finally {
        await serve.stop();
      }
    }
  });
});
