import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { makeDirectory } from '../core/make-directory';

export const TOKEN_FILE = 'admin-token';

/** TURNOUT_TOKEN wins; else a random token kept (owner-only) in the data dir, made on first use. */
export function resolveAdminToken(dataDir: string, env: NodeJS.ProcessEnv = process.env): string {
  const fromEnv = env.TURNOUT_TOKEN?.trim();
  if (fromEnv) return fromEnv;
  const file = path.join(dataDir, TOKEN_FILE);
  const stored = readTokenFile(dataDir);
  if (stored) return stored;
  makeDirectory(dataDir);
  const token = crypto.randomBytes(24).toString('base64url');
  fs.writeFileSync(file, `${token}\n`, { mode: 0o600 });
  return token;
}

export function readTokenFile(dataDir: string): string | undefined {
  try {
    return fs.readFileSync(path.join(dataDir, TOKEN_FILE), 'utf8').trim() || undefined;
  } catch {
    return undefined;
  }
}
