import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ensureElectronNative, nativeStatus } from '../../scripts/electron-native.mjs';
import { makeTempDir } from '../support/temp-dir';

const ROOT = path.resolve(import.meta.dirname, '..', '..');
const NODE_ADDON = path.join(ROOT, 'node_modules', 'better-sqlite3', 'build', 'Release', 'better_sqlite3.node');

/**
 * scripts/electron-native.mjs end to end, offline: a local mirror (the documented
 * npm_config_better_sqlite3_binary_host) serves prebuilt tarballs to the real
 * prebuild-install. The tarball holds the Node build of the addon, and plain Node stands in
 * for the Electron binary in the load check (ELECTRON_RUN_AS_NODE makes Electron a Node), so
 * the same file loads there: only the ABI differs from a real Electron prebuild.
 */
describe('the Electron-ABI SQLite addon', () => {
  let temp: ReturnType<typeof makeTempDir>;
  let mirror: http.Server;
  let mirrorUrl: string;
  const requested: string[] = [];
  const tarballs: Record<'good' | 'broken', Buffer> = {} as Record<'good' | 'broken', Buffer>;
  const appRoot = () => path.join(temp.dir, 'app');
  // One mirror path per kind of answer: prebuild-install caches downloads by URL.
  const env = (serve: 'good' | 'broken' | 'missing') => ({
    ...process.env,
    npm_config_better_sqlite3_binary_host: `${mirrorUrl}/${serve}`,
    npm_config_cache: path.join(temp.dir, 'npm-cache'),
  });

  function tarball(name: 'good' | 'broken', addon: Buffer): void {
    const stage = path.join(temp.dir, `stage-${name}`);
    fs.mkdirSync(path.join(stage, 'build', 'Release'), { recursive: true });
    fs.writeFileSync(path.join(stage, 'build', 'Release', 'better_sqlite3.node'), addon);
    const file = path.join(temp.dir, `${name}.tar.gz`);
    const tar = spawnSync('tar', ['-czf', file, '-C', stage, 'build'], { encoding: 'utf8' });
    if (tar.status !== 0) throw new Error(`tar failed: ${tar.stderr}`);
    tarballs[name] = fs.readFileSync(file);
  }

  beforeAll(async () => {
    temp = makeTempDir('turnout-native-');
    // An app root of its own (so .cache lands in the temp dir) sharing this repo's node_modules.
    fs.mkdirSync(appRoot());
    fs.symlinkSync(path.join(ROOT, 'node_modules'), path.join(appRoot(), 'node_modules'), 'junction');
    tarball('good', fs.readFileSync(NODE_ADDON));
    tarball('broken', Buffer.from('not a shared library'));
    mirror = http.createServer((req, res) => {
      const url = req.url ?? '';
      requested.push(url);
      const serve = url.split('/')[1];
      if ((serve !== 'good' && serve !== 'broken') || !/better-sqlite3-v[\d.]+-electron-v\d+-/.test(url)) {
        res.writeHead(404).end();
        return;
      }
      res.writeHead(200, { 'content-type': 'application/gzip' }).end(tarballs[serve]);
    });
    await new Promise<void>((resolve) => mirror.listen(0, '127.0.0.1', resolve));
    mirrorUrl = `http://127.0.0.1:${(mirror.address() as AddressInfo).port}`;
  });

  afterAll(async () => {
    await new Promise((resolve) => mirror?.close(resolve));
    temp?.cleanup();
  });

  it('fetches the prebuilt addon for the installed Electron, checks that it loads, and keeps it with a stamp', async () => {
    const result = await ensureElectronNative({ root: appRoot(), electronBinary: process.execPath, nodeGyp: null, env: env('good') });
    expect(result).toMatchObject({ ok: true, fresh: true, how: 'prebuilt' });
    const status = nativeStatus(appRoot());
    expect(status.upToDate).toBe(true);
    expect(status.file).toBe(path.join(appRoot(), '.cache', 'electron-native', 'better_sqlite3.node'));
    expect(fs.readFileSync(status.file).equals(fs.readFileSync(NODE_ADDON))).toBe(true);
    const electronVersion = JSON.parse(fs.readFileSync(path.join(ROOT, 'node_modules', 'electron', 'package.json'), 'utf8')).version as string;
    expect(status.wanted.electron).toBe(electronVersion);
    expect(requested.at(-1)).toMatch(new RegExp(`^/good/v[\\d.]+/better-sqlite3-v[\\d.]+-electron-v\\d+-${process.platform}-${process.arch}\\.tar\\.gz$`));
  });

  it('does nothing when the stamp still matches', async () => {
    const before = requested.length;
    const result = await ensureElectronNative({ root: appRoot(), nodeGyp: null, env: env('good') });
    expect(result).toMatchObject({ ok: true, fresh: false });
    expect(requested.length).toBe(before);
  });

  it('refuses an addon that does not load, keeping the one it had', async () => {
    const kept = fs.readFileSync(nativeStatus(appRoot()).file);
    const result = await ensureElectronNative({ root: appRoot(), force: true, electronBinary: process.execPath, nodeGyp: null, env: env('broken') });
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.reason).toMatch(/does not load in Electron/);
    expect(fs.readFileSync(nativeStatus(appRoot()).file).equals(kept)).toBe(true);
  });

  it('says why when there is neither a prebuilt addon nor a way to compile one', async () => {
    const result = await ensureElectronNative({ root: appRoot(), force: true, nodeGyp: null, env: env('missing') });
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.reason).toMatch(/^no prebuilt addon for Electron [\d.]+ \(No prebuilt binaries found .*\), and no node-gyp to compile one$/);
  });
});
