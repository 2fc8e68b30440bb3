#!/usr/bin/env node
/**
 * Builds the CLI, the headless server and the proxy worker into out/cli with
 * vite.cli.config.ts: `npm run build:cli` (run by `npm ci` through `prepare`, and by
 * `npm run build`), and bin/turnout.js when it finds its build stale.
 *
 * Several `turnout` commands can find the build stale at once (a script, a test run), so
 * one builds while the others wait on a lock directory, then find the build current. The
 * new build is written beside the old one and renamed into place, so a command starting
 * meanwhile never loads half a build.
 */
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { staleReason } from './cli-stamp.mjs';

export const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
export const CLI_OUT_DIR = path.join(ROOT, 'out', 'cli');
const LOCK_WAIT_MS = 120_000;

const alive = (pid) => {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return error.code === 'EPERM';
  }
};

/** Takes `lock` (a directory: mkdir is atomic), clearing one left by a process that died. */
async function acquire(lock) {
  const deadline = Date.now() + LOCK_WAIT_MS;
  for (;;) {
    try {
      fs.mkdirSync(lock);
      fs.writeFileSync(path.join(lock, 'pid'), String(process.pid));
      return;
    } catch (error) {
      if (error.code !== 'EEXIST') throw error;
    }
    let holder = 0;
    let age = 0;
    try {
      age = Date.now() - fs.statSync(lock).mtimeMs;
      holder = Number(fs.readFileSync(path.join(lock, 'pid'), 'utf8'));
    } catch {
      // Released meanwhile, or its holder has not written its pid yet.
    }
    // A lock with no pid for seconds belongs to a process that died right after mkdir.
    if ((holder && !alive(holder)) || (!holder && age > 5000)) fs.rmSync(lock, { recursive: true, force: true });
    else if (Date.now() > deadline) throw new Error(`another build holds ${lock} (pid ${holder || 'unknown'}) for over ${LOCK_WAIT_MS / 1000} s`);
    else await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

/**
 * Builds into `outDir`. With `ifStale`, builds only if the stamp says the build is not
 * current (checked again once the lock is held: another process may have just built it).
 * Resolves to whether it built.
 */
export async function buildCli({ outDir = CLI_OUT_DIR, ifStale = false, logLevel = 'warn' } = {}) {
  const lock = `${outDir}.lock`;
  fs.mkdirSync(path.dirname(outDir), { recursive: true });
  await acquire(lock);
  try {
    if (ifStale && !staleReason(ROOT, outDir)) return false;
    const next = `${outDir}.next-${process.pid}`;
    const old = `${outDir}.old-${process.pid}`;
    const { build } = await import('vite');
    try {
      await build({ configFile: path.join(ROOT, 'vite.cli.config.ts'), logLevel, build: { outDir: next } });
    } catch (error) {
      fs.rmSync(next, { recursive: true, force: true });
      throw error;
    }
    if (fs.existsSync(outDir)) fs.renameSync(outDir, old);
    fs.renameSync(next, outDir);
    fs.rmSync(old, { recursive: true, force: true });
    return true;
  } finally {
    fs.rmSync(lock, { recursive: true, force: true });
  }
}

/** One line for a failed build: the first error and where it is, without the code frame. */
export function describeBuildError(error) {
  // eslint-disable-next-line no-control-regex
  const text = String(error?.errors?.[0]?.message ?? error?.message ?? error).replace(/\u001b\[[0-9;]*m/g, '');
  const message = text.split('\n').find((line) => line.trim() !== '' && !line.startsWith('Build failed')) ?? 'unknown error';
  const where = /\[\s*([^\s\]]+:\d+:\d+)\s*\]/.exec(text)?.[1];
  return `${where ? `${where}: ` : ''}${message.replace(/^\[[^\]]+\]\s*/, '').trim()}`;
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const started = Date.now();
  const outDir = process.argv[2] ? path.resolve(process.argv[2]) : CLI_OUT_DIR;
  await buildCli({ outDir });
  console.log(`Built the CLI into ${path.relative(process.cwd(), outDir) || '.'} (${((Date.now() - started) / 1000).toFixed(1)} s)`);
}
