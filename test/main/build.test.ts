import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import { isBuiltin } from 'node:module';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeTempDir } from '../support/temp-dir';
import { firstMessageOfBuiltWorker } from '../support/built-worker';

const ROOT = path.resolve(import.meta.dirname, '..', '..');

/** The real `electron-vite build` of this repo (no Electron binary needed), into a temp dir. */
describe('electron-vite build', () => {
  let temp: ReturnType<typeof makeTempDir>;
  const read = (file: string) => fs.readFileSync(path.join(temp.dir, file), 'utf8');

  beforeAll(() => {
    temp = makeTempDir('turnout-build-');
    const cli = path.join(ROOT, 'node_modules', 'electron-vite', 'bin', 'electron-vite.js');
    const result = spawnSync(process.execPath, [cli, 'build', '--outDir', temp.dir, '--logLevel', 'error'], { cwd: ROOT, encoding: 'utf8', timeout: 120_000 });
    if (result.status !== 0) throw new Error(`electron-vite build failed:\n${result.stdout}\n${result.stderr}`);
  }, 150_000);

  afterAll(() => temp?.cleanup());

  it('builds the preload as one CommonJS file that requires nothing but electron (a sandboxed preload can do no more)', () => {
    const preload = read('preload/index.cjs');
    const required = [...preload.matchAll(/(?:^|[^.\w$])require\(\s*["']([^"']+)["']\s*\)/gm)].map((match) => match[1]);
    expect(new Set(required)).toEqual(new Set(['electron']));
    expect(preload).not.toMatch(/^\s*(import|export)\s/m);
    expect(preload).toContain('exposeInMainWorld');
  });

  it('builds main as an ES module, leaving only electron, Node built-ins, better-sqlite3 and http-proxy-3 outside', () => {
    // Code main shares with the proxy worker entry sits in chunks/ beside it: read them all.
    const files = ['main/index.js', 'main/proxy-worker.js', ...fs.readdirSync(path.join(temp.dir, 'main', 'chunks')).map((name) => `main/chunks/${name}`)];
    const sources = files.map(read);
    const imported = sources.flatMap((code) => [...code.matchAll(/^import\s[^;]*?from\s+["']([^"']+)["']|^import\s+["']([^"']+)["']/gm)].map((match) => match[1] ?? match[2]!));
    const external = new Set(imported.filter((name) => !isBuiltin(name) && !name.startsWith('./')));
    expect(external).toEqual(new Set(['electron', 'better-sqlite3', 'http-proxy-3']));
    // Bundled CommonJS code may keep require() in its comments; no code line may call it.
    const code = sources.flatMap((source) => source.split('\n')).filter((line) => !/^\s*(\*|\/\/|\/\*)/.test(line));
    expect(code.filter((line) => /(^|[^.\w$])require\(\s*["']/.test(line))).toEqual([]);
  });

  it('builds the proxy worker as its own entry, which starts under plain Node (as Electron runs it, with ELECTRON_RUN_AS_NODE)', async () => {
    // Where the build sits in a real checkout, node_modules is beside it; here a link stands in.
    fs.symlinkSync(path.join(ROOT, 'node_modules'), path.join(temp.dir, 'node_modules'), 'dir');
    expect(await firstMessageOfBuiltWorker(path.join(temp.dir, 'main', 'proxy-worker.js'))).toEqual({ type: 'ready' });
    // The launcher finds the worker beside its own module: it must be bundled into main/index.js, not a chunk.
    expect(read('main/index.js')).toMatch(/["']proxy-worker\.js["']/);
    for (const chunk of fs.readdirSync(path.join(temp.dir, 'main', 'chunks'))) expect(read(`main/chunks/${chunk}`)).not.toMatch(/["']proxy-worker\.js["']/);
  });

  it("keeps Electron's security checklist in the built main: isolated, sandboxed, no Node, no remote content", () => {
    const main = read('main/index.js');
    for (const required of [/contextIsolation:\s*true/, /sandbox:\s*true/, /nodeIntegration:\s*false/, /webviewTag:\s*false/, /setWindowOpenHandler/, /will-navigate/, /will-attach-webview/]) {
      expect(main, String(required)).toMatch(required);
    }
    for (const forbidden of [
      /contextIsolation:\s*false/,
      /sandbox:\s*false/,
      /nodeIntegration(InWorker|InSubFrames)?:\s*true/,
      /webSecurity:\s*false/,
      /allowRunningInsecureContent:\s*true/,
      /webviewTag:\s*true/,
      /experimentalFeatures:\s*true/,
      /enableBlinkFeatures/,
      /enableRemoteModule/,
      /\.loadURL\(\s*["'`]https?:/,
      /action:\s*["']allow["']/,
      // Every IPC message is a contract call through ipcMain.handle, which checks its sender.
      /ipcMain\.on\(/,
    ]) {
      expect(main, String(forbidden)).not.toMatch(forbidden);
    }
  });

  it('never hands the raw ipcRenderer to the page from the preload', () => {
    const preload = read('preload/index.cjs');
    expect(preload.match(/exposeInMainWorld\(/g)).toHaveLength(1);
    expect(preload).not.toMatch(/exposeInMainWorld\([^)]*ipcRenderer/);
    expect(preload).not.toMatch(/ipcRenderer\.(send|sendSync|sendTo|sendToHost|postMessage)\(/);
  });

  it('ships the renderer with a strict CSP and nothing loaded from elsewhere', () => {
    const html = read('renderer/index.html');
    const csp = /http-equiv="Content-Security-Policy"\s+content="([^"]+)"/.exec(html)?.[1] ?? '';
    expect(csp).toMatch(/default-src 'self'/);
    expect(csp).toMatch(/script-src 'self'(;|$)/);
    expect(csp).not.toMatch(/unsafe-eval|https?:|\*/);
    expect(html).not.toMatch(/(src|href)="(https?:)?\/\//);
  });

  it('builds the renderer with relative asset paths, so it loads from file:// and from the admin server', () => {
    const html = read('renderer/index.html');
    expect(html).toMatch(/<script type="module"[^>]* src="\.\/assets\/[^"]+\.js"/);
    expect(html).toContain('Content-Security-Policy');
  });
});
