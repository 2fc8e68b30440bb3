import fs from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { makeDirectory } from '../../electron/core/make-directory';
import { makeTempDir } from '../support/temp-dir';

describe('makeDirectory (data dirs, the local CA dir)', () => {
  let temp: ReturnType<typeof makeTempDir> | undefined;
  afterEach(() => temp?.cleanup());

  it('makes every missing level, with the mode asked for, and is a no-op when the directory is there', () => {
    temp = makeTempDir('turnout-mkdir-');
    const dir = path.join(temp.dir, 'a', 'b', 'c');
    makeDirectory(dir, 0o700);
    for (const level of ['a', 'a/b', 'a/b/c']) expect(fs.statSync(path.join(temp.dir, level)).mode & 0o777).toBe(0o700);
    expect(() => makeDirectory(dir)).not.toThrow();
  });

  it('refuses in one line when a file stands where a directory should be', () => {
    temp = makeTempDir('turnout-mkdir-');
    fs.writeFileSync(path.join(temp.dir, 'file'), '');
    expect(() => makeDirectory(path.join(temp!.dir, 'file', 'data'))).toThrow(/^cannot create .*file\/data: .*file is not a directory$/);
  });

  it.runIf(process.platform === 'linux')('fails at once under /proc, where Node’s recursive mkdir spins forever', () => {
    const started = Date.now();
    expect(() => makeDirectory('/proc/turnout-nowhere/data')).toThrow(/^cannot create \/proc\/turnout-nowhere: ENOENT/);
    expect(Date.now() - started).toBeLessThan(1000);
  });
});
