import os from 'node:os';
import path from 'node:path';

/** $XDG_DATA_HOME/turnout, else ~/.local/share/turnout: where a headless Turnout keeps its files. */
export function defaultDataDir(env: NodeJS.ProcessEnv = process.env): string {
  const base = env.XDG_DATA_HOME?.trim() || path.join(os.homedir(), '.local', 'share');
  return path.join(base, 'turnout');
}

export const DB_FILE = 'turnout.db';
