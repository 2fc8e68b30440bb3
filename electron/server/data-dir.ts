import os from 'node:os';
import path from 'node:path';

/** $XDG_DATA_HOME/turnout, else ~/.local/share/turnout: where a headless Turnout keeps its files. */
export function defaultDataDir(env: NodeJS.ProcessEnv = process.env): string {
  const base = env.XDG_DATA_HOME?.trim() || path.join(os.homedir(), '.local', 'share');
  return path.join(base, 'turnout');
}

export const DB_FILE = 'turnout.db';

/** package.json "productName": Electron names the userData folder after it. */
export const DESKTOP_APP_NAME = 'Turnout';

/**
 * Where the desktop app keeps its files: Electron's userData (app.getPath('userData')),
 * worked out without Electron so the CLI can find the desktop app's token and admin URL.
 * TURNOUT_USER_DATA overrides it, as it does for the desktop app. Must match Electron's
 * appData rules: %APPDATA% on Windows, ~/Library/Application Support on macOS,
 * $XDG_CONFIG_HOME or ~/.config elsewhere.
 */
export function desktopDataDir(env: NodeJS.ProcessEnv = process.env, platform: NodeJS.Platform = process.platform, home = os.homedir()): string {
  const override = env.TURNOUT_USER_DATA?.trim();
  if (override) return path.resolve(override);
  const join = platform === 'win32' ? path.win32.join : path.posix.join;
  if (platform === 'win32') return join(env.APPDATA?.trim() || join(home, 'AppData', 'Roaming'), DESKTOP_APP_NAME);
  if (platform === 'darwin') return join(home, 'Library', 'Application Support', DESKTOP_APP_NAME);
  return join(env.XDG_CONFIG_HOME?.trim() || join(home, '.config'), DESKTOP_APP_NAME);
}
