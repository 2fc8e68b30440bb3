import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startDesktopCore } from '../../electron/main/core';
import { AdminExposureError } from '../../electron/server/admin-address';
import { makeTempDir } from '../support/temp-dir';

/** The desktop app's core (Electron-free) refuses what `turnout serve` refuses, and has no way to allow it. */
describe('desktop core: the admin API stays on loopback', () => {
  let temp: ReturnType<typeof makeTempDir>;
  beforeAll(() => {
    temp = makeTempDir('turnout-desktop-admin-');
  });
  afterAll(() => temp.cleanup());

  it.each([['0.0.0.0:0'], ['[::]:0']])('refuses admin %s before writing its token, database or runtime file', async (admin) => {
    const dataDir = path.join(temp.dir, admin.replace(/\W/g, '_'));
    const start = startDesktopCore({ dataDir, rendererDir: path.join(temp.dir, 'renderer'), admin, env: {} });
    await expect(start).rejects.toBeInstanceOf(AdminExposureError);
    await expect(start).rejects.toThrow(`admin address ${admin} is not loopback`);
    expect(fs.existsSync(dataDir)).toBe(false);
  });
});
