import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { ELECTRON_NATIVE_BINDING } from '../../electron/main/app-paths';

export const ROOT = path.resolve(import.meta.dirname, '..', '..');

/** The Electron executable, found the way node_modules/electron/index.js finds it (without importing it: that would start a download). */
export function electronExecutable(env: NodeJS.ProcessEnv = process.env): string | undefined {
  const dir = path.join(ROOT, 'node_modules', 'electron');
  try {
    const relative = fs.readFileSync(path.join(dir, 'path.txt'), 'utf8').trim();
    const file = env.ELECTRON_OVERRIDE_DIST_PATH ? path.join(env.ELECTRON_OVERRIDE_DIST_PATH, relative) : path.join(dir, 'dist', relative);
    return fs.existsSync(file) ? file : undefined;
  } catch {
    return undefined;
  }
}

/** Why the real desktop app cannot be launched here, or undefined when it can. */
export function electronUnavailableReason(env: NodeJS.ProcessEnv = process.env): string | undefined {
  const executable = electronExecutable(env);
  if (!executable) return 'the Electron binary is not installed (node_modules/electron/dist; npm start downloads it when github.com is reachable)';
  if (!['win32', 'darwin'].includes(process.platform) && !env.DISPLAY && !env.WAYLAND_DISPLAY) return 'no display (neither DISPLAY nor WAYLAND_DISPLAY is set; try xvfb-run)';
  for (const built of ['out/main/index.js', 'out/preload/index.cjs', 'out/renderer/index.html']) {
    if (!fs.existsSync(path.join(ROOT, built))) return `the app is not built (${built} is missing; run npx electron-vite build)`;
  }
  if (!env.TURNOUT_NATIVE_BINDING && !fs.existsSync(path.join(ROOT, ELECTRON_NATIVE_BINDING))) {
    return `no better-sqlite3 built for Electron (${ELECTRON_NATIVE_BINDING}; run node scripts/electron-native.mjs)`;
  }
  const probe = spawnSync(executable, ['--version'], { encoding: 'utf8', timeout: 20_000, env: { ...env, ELECTRON_RUN_AS_NODE: undefined } });
  if (probe.status !== 0) return `the Electron binary does not run (${probe.error?.message ?? (probe.stderr.trim().split('\n').at(-1) || `exit ${probe.status}`)})`;
  return undefined;
}
