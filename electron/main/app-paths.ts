import fs from 'node:fs';
import path from 'node:path';

/**
 * Where the Electron-ABI better-sqlite3 addon is kept, relative to the app root. Written by
 * scripts/electron-native.mjs (run by `npm start`); keep the two in step.
 */
export const ELECTRON_NATIVE_BINDING = path.join('.cache', 'electron-native', 'better_sqlite3.node');

/** electron-builder.yml's appId; Windows shows notifications only for an app with this AppUserModelID. */
export const APP_ID = 'io.github.turnout.desktop';

export interface AppPaths {
  /** The built renderer (electron-vite: out/renderer). */
  rendererDir: string;
  /** The sandboxed preload, built as CommonJS (out/preload/index.cjs). */
  preload: string;
  icon: string;
  /** The addon for Electron's ABI; undefined lets better-sqlite3 find its own (a packaged app rebuilt for Electron). */
  nativeBinding?: string;
}

/**
 * `mainDir` is the directory of the built main bundle (out/main), `appRoot` Electron's
 * app path (the repo root under `electron .`). TURNOUT_NATIVE_BINDING overrides the addon.
 */
export function resolveAppPaths(mainDir: string, appRoot: string, env: NodeJS.ProcessEnv = process.env): AppPaths {
  const cached = path.join(appRoot, ELECTRON_NATIVE_BINDING);
  const nativeBinding = env.TURNOUT_NATIVE_BINDING?.trim() || (fs.existsSync(cached) ? cached : undefined);
  return {
    rendererDir: path.join(mainDir, '..', 'renderer'),
    preload: path.join(mainDir, '..', 'preload', 'index.cjs'),
    icon: path.join(appRoot, 'resources', 'icon.png'),
    ...(nativeBinding ? { nativeBinding } : {}),
  };
}
