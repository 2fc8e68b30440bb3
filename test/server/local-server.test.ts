import fs from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { desktopDataDir } from '../../electron/server/data-dir';
import { resolveLocalServer } from '../../electron/server/local-server';
import { readRuntimeFile, removeRuntimeFile, RUNTIME_FILE, writeRuntimeFile } from '../../electron/server/runtime-file';
import { TOKEN_FILE } from '../../electron/server/token';
import { makeTempDir } from '../support/temp-dir';

describe("the desktop app's data dir, without Electron", () => {
  it("matches Electron's userData for productName Turnout on each platform", () => {
    expect(desktopDataDir({}, 'linux', '/home/ada')).toBe('/home/ada/.config/Turnout');
    expect(desktopDataDir({ XDG_CONFIG_HOME: '/cfg' }, 'linux', '/home/ada')).toBe('/cfg/Turnout');
    expect(desktopDataDir({}, 'darwin', '/Users/ada')).toBe('/Users/ada/Library/Application Support/Turnout');
    expect(desktopDataDir({ APPDATA: 'C:\\Users\\ada\\AppData\\Roaming' }, 'win32', 'C:\\Users\\ada')).toBe('C:\\Users\\ada\\AppData\\Roaming\\Turnout');
    expect(desktopDataDir({}, 'win32', 'C:\\Users\\ada')).toBe('C:\\Users\\ada\\AppData\\Roaming\\Turnout');
  });

  it('follows TURNOUT_USER_DATA, as the desktop app does', () => {
    expect(desktopDataDir({ TURNOUT_USER_DATA: '/tmp/t' }, 'linux', '/home/ada')).toBe(path.resolve('/tmp/t'));
  });
});

describe('which Turnout the CLI talks to', () => {
  let headless: ReturnType<typeof makeTempDir>;
  let desktop: ReturnType<typeof makeTempDir>;
  const token = (dir: string, value: string) => fs.writeFileSync(path.join(dir, TOKEN_FILE), `${value}\n`);
  const lookup = (extra: Partial<Parameters<typeof resolveLocalServer>[0]> = {}) =>
    resolveLocalServer({ env: {}, headlessDir: headless.dir, desktopDir: desktop.dir, ...extra });

  beforeEach(() => {
    headless = makeTempDir('turnout-headless-');
    desktop = makeTempDir('turnout-desktop-');
  });
  afterEach(() => {
    headless.cleanup();
    desktop.cleanup();
  });

  it('uses the running desktop app (its runtime file) and its token when not told otherwise', () => {
    token(headless.dir, 'headless-token');
    token(desktop.dir, 'desktop-token');
    writeRuntimeFile(desktop.dir, { adminUrl: 'http://127.0.0.1:43210', pid: process.pid });
    expect(lookup()).toEqual({ adminUrl: 'http://127.0.0.1:43210', token: 'desktop-token' });
  });

  it('uses the headless token for another address, and the desktop token when there is no headless one', () => {
    token(desktop.dir, 'desktop-token');
    writeRuntimeFile(desktop.dir, { adminUrl: 'http://127.0.0.1:43210', pid: process.pid });
    expect(lookup({ admin: 'http://127.0.0.1:8801' })).toEqual({ adminUrl: 'http://127.0.0.1:8801', token: 'desktop-token' });
    token(headless.dir, 'headless-token');
    expect(lookup({ env: { TURNOUT_ADMIN: 'http://127.0.0.1:8801' } })).toEqual({ adminUrl: 'http://127.0.0.1:8801', token: 'headless-token' });
  });

  it('lets flags and environment variables win', () => {
    token(desktop.dir, 'desktop-token');
    writeRuntimeFile(desktop.dir, { adminUrl: 'http://127.0.0.1:43210', pid: process.pid });
    expect(lookup({ admin: 'http://h:1', token: 't' })).toEqual({ adminUrl: 'http://h:1', token: 't' });
    expect(lookup({ env: { TURNOUT_TOKEN: 'e' } })).toEqual({ adminUrl: 'http://127.0.0.1:43210', token: 'e' });
  });

  it('ignores a runtime file left by a crashed app, or a malformed one', () => {
    token(headless.dir, 'headless-token');
    writeRuntimeFile(desktop.dir, { adminUrl: 'http://127.0.0.1:43210', pid: 2 ** 22 + 12345 });
    expect(lookup()).toEqual({ adminUrl: 'http://127.0.0.1:8801', token: 'headless-token' });
    for (const text of ['{', '{"adminUrl":"file:///etc/passwd","pid":1}', '{"adminUrl":"http://x:1","pid":-1}']) {
      fs.writeFileSync(path.join(desktop.dir, RUNTIME_FILE), text);
      expect(readRuntimeFile(desktop.dir, () => true)).toBeUndefined();
    }
  });

  it('removes only its own runtime file', () => {
    writeRuntimeFile(desktop.dir, { adminUrl: 'http://127.0.0.1:1', pid: 42 });
    removeRuntimeFile(desktop.dir, 7);
    expect(fs.existsSync(path.join(desktop.dir, RUNTIME_FILE))).toBe(true);
    removeRuntimeFile(desktop.dir, 42);
    expect(fs.existsSync(path.join(desktop.dir, RUNTIME_FILE))).toBe(false);
  });
});
