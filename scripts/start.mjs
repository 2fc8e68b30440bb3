#!/usr/bin/env node
/**
 * `npm start`: build, then open the desktop app; if no Electron can run here, start
 * `turnout serve` instead so the same app opens in a browser.
 *
 *   1. electron-vite build (main, preload, renderer into out/);
 *   2. the Electron binary: electron >= 42 downloads it on first launch; we run that same
 *      download (node_modules/electron/install.js) ourselves, with a timeout, so a failed
 *      or hanging download ends in a clear message instead of a stack trace or a hang;
 *   3. better-sqlite3 for Electron's ABI (scripts/electron-native.mjs);
 *   4. launch Electron on this app; if it dies before printing "Ready." (a missing system
 *      library, no usable display, the sandbox refusing root, ...), fall back to headless.
 *
 * Headless instead of the window when: TURNOUT_NO_ELECTRON=1, no display (Linux without
 * DISPLAY or WAYLAND_DISPLAY), the binary or the addon cannot be had, or Electron cannot
 * start. Extra arguments go to `turnout serve` (e.g. --backend blue=http://127.0.0.1:3001).
 * TURNOUT_ELECTRON_DOWNLOAD_TIMEOUT (seconds, default 180) caps the binary download.
 */
import { spawn } from 'node:child_process';
import { NODE_FLAGS } from './node-flags.mjs';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { ensureElectronNative, lastWords, run } from './electron-native.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const args = process.argv.slice(2);
const env = process.env;
/** Electron main's exit code when the core itself refused to start: headless would fail the same way. */
const CORE_FAILED_EXIT_CODE = 3;
const electronDir = path.join(root, 'node_modules', 'electron');
const electronVersion = JSON.parse(fs.readFileSync(path.join(electronDir, 'package.json'), 'utf8')).version;

const say = (line) => process.stdout.write(`${line}\n`);
const seconds = (since) => `${((Date.now() - since) / 1000).toFixed(1)} s`;

/** The Electron executable, as node_modules/electron/index.js finds it, if it is there. */
function electronBinary() {
  try {
    const relative = fs.readFileSync(path.join(electronDir, 'path.txt'), 'utf8').trim();
    const file = env.ELECTRON_OVERRIDE_DIST_PATH ? path.join(env.ELECTRON_OVERRIDE_DIST_PATH, relative) : path.join(electronDir, 'dist', relative);
    return fs.existsSync(file) ? file : undefined;
  } catch {
    return undefined;
  }
}

async function build() {
  const started = Date.now();
  const cli = path.join(root, 'node_modules', 'electron-vite', 'bin', 'electron-vite.js');
  const result = await run(process.execPath, [cli, 'build', '--logLevel', 'warn'], { cwd: root, timeoutMs: 10 * 60_000 });
  if (result.code !== 0) {
    process.stderr.write(result.output);
    say('Build failed (electron-vite build); see above.');
    process.exit(1);
  }
  say(`Built main, preload and renderer into out/ (${seconds(started)})`);
}

/** Why the window cannot open here, or undefined if Electron is worth a try. */
function environmentReason() {
  if (env.TURNOUT_NO_ELECTRON && env.TURNOUT_NO_ELECTRON !== '0') return 'TURNOUT_NO_ELECTRON is set, so no desktop window.';
  const unixDesktop = !['win32', 'darwin'].includes(process.platform);
  if (unixDesktop && !env.DISPLAY && !env.WAYLAND_DISPLAY) return 'There is no display here (neither DISPLAY nor WAYLAND_DISPLAY is set), so no desktop window.';
  return undefined;
}

async function ensureBinary() {
  const present = electronBinary();
  if (present) return { binary: present };
  const timeoutS = Number(env.TURNOUT_ELECTRON_DOWNLOAD_TIMEOUT) || 180;
  const started = Date.now();
  say(`Downloading Electron ${electronVersion} (first launch only; up to ${timeoutS} s)…`);
  const result = await run(process.execPath, [path.join(electronDir, 'install.js')], { cwd: electronDir, timeoutMs: timeoutS * 1000 });
  const binary = electronBinary();
  if (binary) {
    say(`Electron ${electronVersion} downloaded (${seconds(started)})`);
    return { binary };
  }
  return {
    reason: `The Electron ${electronVersion} binary could not be downloaded (${lastWords(result, timeoutS)}, after ${seconds(started)}); it comes from github.com or ELECTRON_MIRROR, and the next npm start tries again.`,
  };
}

async function ensureAddon(binary) {
  const started = Date.now();
  const result = await ensureElectronNative({ root, electronBinary: binary, env, log: say });
  if (!result.ok) return { reason: `better-sqlite3 could not be made ready for Electron: ${result.reason}.` };
  if (result.fresh) say(`SQLite addon for Electron ${electronVersion} ready (${result.how}, ${seconds(started)})`);
  return {};
}

/** One child at a time; signals reach it exactly once, from us (it runs in its own process group). */
let child;
let interrupted = false;
for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP']) {
  process.on(signal, () => {
    interrupted = true;
    if (child && child.exitCode === null && child.signalCode === null) child.kill(signal);
    else process.exit(130);
  });
}
process.on('exit', () => {
  if (child && child.exitCode === null && child.signalCode === null) child.kill('SIGTERM');
});

function spawnChild(command, childArgs, stdout) {
  const childEnv = { ...env };
  delete childEnv.ELECTRON_RUN_AS_NODE;
  child = spawn(command, childArgs, {
    cwd: root,
    env: childEnv,
    stdio: ['ignore', stdout, 'inherit'],
    detached: process.platform !== 'win32',
  });
  return child;
}

function exited(proc) {
  return new Promise((resolve) => {
    proc.on('error', (error) => resolve({ code: -1, signal: null, error }));
    proc.on('close', (code, signal) => resolve({ code, signal }));
  });
}

async function launchElectron(binary) {
  say(`Opening the Turnout window (Electron ${electronVersion})…`);
  const proc = spawnChild(binary, ['.', ...args], 'pipe');
  let ready = false;
  let pending = '';
  proc.stdout.on('data', (chunk) => {
    process.stdout.write(chunk);
    pending = (pending + chunk.toString()).split('\n').slice(-2).join('\n');
    if (/^Ready\./m.test(pending)) ready = true;
  });
  const { code, signal, error } = await exited(proc);
  if (ready || interrupted || code === 0 || code === CORE_FAILED_EXIT_CODE) process.exit(code ?? 1);
  return `Electron stopped before the window was ready (${error ? error.message : signal ? `signal ${signal}` : `exit code ${code}`}).`;
}

async function runHeadless(reason) {
  say(reason);
  say('Starting Turnout headless instead: the same proxy, and the control panel at the Panel link below in your browser.');
  const proc = spawnChild(process.execPath, [...NODE_FLAGS, path.join(root, 'bin', 'turnout.js'), 'serve', ...args], 'inherit');
  const { code, signal } = await exited(proc);
  process.exit(code ?? (signal ? 1 : 0));
}

await build();
let reason = environmentReason();
if (!reason) {
  const binary = await ensureBinary();
  reason = binary.reason ?? (await ensureAddon(binary.binary)).reason;
  if (!reason) reason = await launchElectron(binary.binary);
}
if (!interrupted) await runHeadless(reason);
