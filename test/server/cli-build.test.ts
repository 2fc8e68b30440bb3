import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import { isBuiltin } from 'node:module';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildCli, ROOT } from '../../scripts/build-cli.mjs';
import { staleReason } from '../../scripts/cli-stamp.mjs';
import { makeTempDir } from '../support/temp-dir';
import { firstMessageOfBuiltWorker } from '../support/built-worker';

/** A marker only zod's bundled code contains (every schema instance has `_zod`). */
const ZOD = /\._zod\b/;
/** undici's HTTP parser, bundled only where the proxy's upstream client is. */
const UNDICI = /llhttp/;

/** The real `npm run build:cli` (scripts/build-cli.mjs with vite.cli.config.ts), into a temp dir. */
describe('the built CLI (out/cli)', () => {
  let temp: ReturnType<typeof makeTempDir>;
  let outDir: string;
  const read = (file: string): string => fs.readFileSync(path.join(outDir, file), 'utf8');

  /** A chunk and every chunk it imports statically (what loading it evaluates), with the packages they import. */
  function closure(entry: string): { chunks: string[]; packages: Set<string> } {
    const chunks: string[] = [];
    const packages = new Set<string>();
    const visit = (file: string): void => {
      if (chunks.includes(file)) return;
      chunks.push(file);
      for (const match of read(file).matchAll(/^import\s[^;]*?from\s+["']([^"']+)["']|^import\s+["']([^"']+)["']/gm)) {
        const name = (match[1] ?? match[2])!;
        if (name.startsWith('./')) visit(name.slice(2));
        else packages.add(name);
      }
    };
    visit(entry);
    return { chunks, packages };
  }
  /**
   * The chunk the entry imports lazily for `module` (e.g. "./cli/traffic" is a chunk named
   * traffic-<hash>.js): from the command table, in the entry or a chunk it loads statically.
   */
  const lazyChunk = (name: string): string => {
    const pattern = new RegExp(`import\\(["']\\./(${name}-[\\w-]+\\.js)["']\\)`);
    const found = closure('turnout.js').chunks.map((chunk) => pattern.exec(read(chunk))?.[1]).find(Boolean);
    if (!found) throw new Error(`turnout.js imports no ${name} chunk lazily`);
    return found;
  };

  beforeAll(async () => {
    temp = makeTempDir('turnout-cli-build-');
    outDir = path.join(temp.dir, 'cli');
    await buildCli({ outDir, logLevel: 'error' });
    // Where the build sits in a checkout, node_modules is beside it; here a link stands in.
    fs.symlinkSync(path.join(ROOT, 'node_modules'), path.join(temp.dir, 'node_modules'), 'dir');
  }, 120_000);

  afterAll(() => temp?.cleanup());

  it('leaves only Node built-ins, better-sqlite3 and http-proxy-3 outside the bundle', () => {
    const packages = new Set<string>();
    for (const file of fs.readdirSync(outDir).filter((name) => name.endsWith('.js'))) for (const name of closure(file).packages) packages.add(name);
    expect(new Set([...packages].filter((name) => !isBuiltin(name)))).toEqual(new Set(['better-sqlite3', 'http-proxy-3']));
  });

  it('loads nothing for --help but the usage text: no SQLite, proxy, undici or zod', () => {
    const { chunks, packages } = closure('turnout.js');
    expect([...packages].filter((name) => !isBuiltin(name))).toEqual([]);
    for (const chunk of chunks) expect(read(chunk), chunk).not.toMatch(ZOD);
    const help = spawnSync(process.execPath, [path.join(outDir, 'turnout.js'), '--help'], { encoding: 'utf8' });
    expect(help.status).toBe(0);
    expect(help.stdout).toMatch(/^Usage: turnout <command>/);
  });

  it('loads for status only the HTTP client: no SQLite, proxy, undici or zod', () => {
    const { chunks, packages } = closure(lazyChunk('traffic'));
    expect([...packages].filter((name) => !isBuiltin(name))).toEqual([]);
    expect(packages).not.toContain('node:https');
    for (const chunk of chunks) {
      expect(read(chunk), chunk).not.toMatch(ZOD);
      expect(read(chunk), chunk).not.toMatch(UNDICI);
    }
  });

  it('loads SQLite and the proxy with serve', () => {
    const { packages } = closure(lazyChunk('serve'));
    expect(packages).toContain('better-sqlite3');
    expect(packages).toContain('http-proxy-3');
  });

  it('builds the proxy worker beside every chunk, where worker-launcher.ts looks for it, and it starts under plain Node', async () => {
    expect(fs.readdirSync(outDir).filter((name) => fs.statSync(path.join(outDir, name)).isDirectory())).toEqual([]);
    expect(await firstMessageOfBuiltWorker(path.join(outDir, 'proxy-worker.js'))).toEqual({ type: 'ready' });
  });

  it('stamps every source it read, so a change to any of them makes the build stale', () => {
    const stamp = JSON.parse(read('stamp.json')) as { files: Record<string, unknown> };
    const stamped = Object.keys(stamp.files);
    for (const file of ['electron/server/cli.ts', 'electron/server/cli/serve.ts', 'electron/core/workers/proxy-worker.ts', 'shared/contract/methods.ts', 'vite.cli.config.ts', 'package-lock.json']) {
      expect(stamped).toContain(file);
    }
    expect(stamped.filter((file) => file.includes('node_modules') || file.startsWith('..'))).toEqual([]);
    expect(staleReason(ROOT, outDir)).toBeUndefined();
  });
});
