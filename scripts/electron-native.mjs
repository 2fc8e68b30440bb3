#!/usr/bin/env node
/**
 * better-sqlite3 built for Electron's ABI, kept apart from the Node build.
 *
 * Tests and `turnout serve` run under Node and load node_modules/better-sqlite3/build
 * (made by npm install). Electron embeds another Node ABI, so the desktop app needs its
 * own copy of the addon. Rebuilding node_modules in place (electron-rebuild) would break
 * the Node side, so instead this script makes a second copy:
 *
 *   1. copy node_modules/better-sqlite3 (without build/) to a temp dir;
 *   2. there, `prebuild-install --runtime electron --target <electron version>`, which
 *      downloads the prebuilt addon better-sqlite3 publishes for that Electron ABI; if that
 *      fails, `node-gyp rebuild --runtime=electron --target=<version>
 *      --dist-url=https://electronjs.org/headers` compiles it (needs Python and a C++
 *      toolchain);
 *   3. optionally load it with the real Electron (ELECTRON_RUN_AS_NODE) to prove the ABI;
 *   4. keep it as .cache/electron-native/better_sqlite3.node with a stamp (Electron and
 *      better-sqlite3 versions, platform, arch); a changed stamp means a rebuild.
 *
 * The main process passes that file to better-sqlite3 as `nativeBinding`
 * (electron/main/app-paths.ts). Both ways need the internet, so this never runs from
 * postinstall: `npm start` runs it when it is about to launch Electron, and `npm test` never
 * needs it, so the two work in either order on a fresh clone.
 *
 * Usage: node scripts/electron-native.mjs [--force]
 */
import { spawn } from 'node:child_process';
import { createRequire } from 'node:module';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

export const NATIVE_DIR = path.join('.cache', 'electron-native');
export const NATIVE_FILE = 'better_sqlite3.node';
const STAMP_FILE = 'stamp.json';
const DOWNLOAD_TIMEOUT_MS = 120_000;
const COMPILE_TIMEOUT_MS = 15 * 60_000;

const readVersion = (root, pkg) => JSON.parse(fs.readFileSync(path.join(root, 'node_modules', pkg, 'package.json'), 'utf8')).version;

/** What the cached addon must match, and whether it does. */
export function nativeStatus(root) {
  const dir = path.join(root, NATIVE_DIR);
  const file = path.join(dir, NATIVE_FILE);
  const wanted = {
    electron: readVersion(root, 'electron'),
    betterSqlite3: readVersion(root, 'better-sqlite3'),
    platform: process.platform,
    arch: process.arch,
  };
  let stamp;
  try {
    stamp = JSON.parse(fs.readFileSync(path.join(dir, STAMP_FILE), 'utf8'));
  } catch {
    stamp = undefined;
  }
  const upToDate = fs.existsSync(file) && JSON.stringify(stamp) === JSON.stringify(wanted);
  return { dir, file, wanted, upToDate };
}

/** Runs a command, keeping its output to report; kills it after timeoutMs. */
export function run(command, args, { cwd, env = process.env, timeoutMs }) {
  return new Promise((resolve) => {
    const child = spawn(command, args, { cwd, env, stdio: ['ignore', 'pipe', 'pipe'], windowsHide: true });
    let output = '';
    const keep = (chunk) => {
      output = (output + chunk.toString()).slice(-20_000);
    };
    child.stdout.on('data', keep);
    child.stderr.on('data', keep);
    let timedOut = false;
    const timer = setTimeout(() => {
      timedOut = true;
      child.kill('SIGKILL');
    }, timeoutMs);
    child.on('error', (error) => {
      clearTimeout(timer);
      resolve({ code: -1, output: `${output}\n${error.message}`, timedOut });
    });
    child.on('close', (code) => {
      clearTimeout(timer);
      resolve({ code: code ?? -1, output, timedOut });
    });
  });
}

/** The most telling line of a failed command's output (an "Error: …" sentence if there is one). */
export function lastWords(result, seconds) {
  if (result.timedOut) return `no answer within ${seconds} s`;
  const lines = result.output
    .split('\n')
    .map((line) => line.replace(/^gyp ERR! stack ?/, '').replace(/^prebuild-install (warn|info|ERR!) \w+ /, '').trim())
    .filter(Boolean);
  const errorAt = lines.findIndex((line) => /\bError: /.test(line));
  if (errorAt >= 0) {
    const sentence = [lines[errorAt].replace(/^.*?\bError: /, '')];
    for (const line of lines.slice(errorAt + 1)) {
      if (/^(at |gyp |node:|\^|Node\.js v)/.test(line) || sentence.length >= 3) break;
      sentence.push(line);
    }
    return sentence.join(' ').slice(0, 240);
  }
  const telling = lines.filter((line) => /(warn|err|fail)/i.test(line));
  return (telling.at(-1) ?? lines.at(-1) ?? `exit code ${result.code}`).slice(0, 240);
}

function findNodeGyp(env) {
  const candidates = [
    env.npm_config_node_gyp,
    path.join(path.dirname(process.execPath), '..', 'lib', 'node_modules', 'npm', 'node_modules', 'node-gyp', 'bin', 'node-gyp.js'),
    path.join(path.dirname(process.execPath), 'node_modules', 'npm', 'node_modules', 'node-gyp', 'bin', 'node-gyp.js'),
  ];
  return candidates.find((candidate) => candidate && fs.existsSync(candidate));
}

/**
 * Makes sure .cache/electron-native/better_sqlite3.node matches the installed Electron.
 * Resolves { ok: true, file, fresh, how } or { ok: false, reason }; never throws for a failed
 * build. `electronBinary`, when given, loads the new addon once before it is kept.
 * `nodeGyp`: the node-gyp script to compile with (default: npm's own); null never compiles.
 * A mirror of the prebuilt addons can be set with npm_config_better_sqlite3_binary_host.
 */
export async function ensureElectronNative({ root, force = false, electronBinary, nodeGyp, log = () => {}, env = process.env } = {}) {
  const status = nativeStatus(root);
  if (status.upToDate && !force) return { ok: true, file: status.file, fresh: false };
  const { electron } = status.wanted;
  const source = path.join(root, 'node_modules', 'better-sqlite3');
  const work = fs.mkdtempSync(path.join(os.tmpdir(), 'turnout-electron-native-'));
  try {
    const skip = path.join(source, 'build');
    fs.cpSync(source, work, { recursive: true, filter: (from) => from !== skip && !from.startsWith(skip + path.sep) });
    const built = path.join(work, 'build', 'Release', NATIVE_FILE);

    log(`Fetching better-sqlite3 prebuilt for Electron ${electron}…`);
    // better-sqlite3's own dependency, resolved from where it sits (hoisted or nested).
    const prebuild = createRequire(path.join(source, 'package.json')).resolve('prebuild-install/bin.js');
    const download = await run(process.execPath, [prebuild, '--runtime', 'electron', '--target', electron, '--arch', process.arch, '--platform', process.platform], { cwd: work, env, timeoutMs: DOWNLOAD_TIMEOUT_MS });
    let how = 'prebuilt';
    if (download.code !== 0 || !fs.existsSync(built)) {
      const why = lastWords(download, DOWNLOAD_TIMEOUT_MS / 1000);
      const gyp = nodeGyp === undefined ? findNodeGyp(env) : nodeGyp;
      if (!gyp) return { ok: false, reason: `no prebuilt addon for Electron ${electron} (${why}), and no node-gyp to compile one` };
      log(`No prebuilt (${why}); compiling against Electron ${electron} headers…`);
      const compile = await run(
        process.execPath,
        [gyp, 'rebuild', '--release', '--runtime=electron', `--target=${electron}`, `--arch=${process.arch}`, '--dist-url=https://electronjs.org/headers'],
        { cwd: work, env, timeoutMs: COMPILE_TIMEOUT_MS },
      );
      if (compile.code !== 0 || !fs.existsSync(built)) {
        return { ok: false, reason: `no prebuilt addon for Electron ${electron} (${why}), and compiling one failed (${lastWords(compile, COMPILE_TIMEOUT_MS / 1000)})` };
      }
      how = 'compiled';
    }

    if (electronBinary) {
      const probe = `const Database = require(${JSON.stringify(path.join(work, 'lib', 'index.js'))}); new Database(':memory:', { nativeBinding: ${JSON.stringify(built)} }).prepare('select 1').get();`;
      const check = await run(electronBinary, ['-e', probe], { env: { ...env, ELECTRON_RUN_AS_NODE: '1' }, timeoutMs: 60_000 });
      if (check.code !== 0) return { ok: false, reason: `the ${how} addon does not load in Electron ${electron} (${lastWords(check, 60)})` };
    }

    fs.mkdirSync(status.dir, { recursive: true });
    fs.copyFileSync(built, status.file);
    fs.writeFileSync(path.join(status.dir, STAMP_FILE), `${JSON.stringify(status.wanted, null, 2)}\n`);
    return { ok: true, file: status.file, fresh: true, how };
  } finally {
    fs.rmSync(work, { recursive: true, force: true });
  }
}

if (process.argv[1] && import.meta.url === pathToFileURL(path.resolve(process.argv[1])).href) {
  const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
  const result = await ensureElectronNative({ root, force: process.argv.includes('--force'), log: (line) => console.log(line) });
  if (result.ok) {
    console.log(result.fresh ? `Kept the ${result.how} addon in ${path.relative(root, result.file)}` : `Up to date: ${path.relative(root, result.file)}`);
  } else {
    console.error(`electron-native: ${result.reason}`);
    process.exitCode = 1;
  }
}
