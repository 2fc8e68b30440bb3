import path from 'node:path';
import { DEFAULT_ADMIN, splitListen } from '../../shared/domain/profile';
import { ListenError } from '../core/net/listen';
import { checkAdminAddress } from '../server/admin-address';
import { startTurnout, type RunningTurnout } from '../server/app';
import { DB_FILE } from '../server/data-dir';
import { removeRuntimeFile, writeRuntimeFile } from '../server/runtime-file';
import { createPanelHandler } from '../server/static-panel';
import { resolveAdminToken } from '../server/token';

// Electron-free on purpose (see ipc-handlers.ts), so tests start it with the real core.

export interface DesktopCoreOptions {
  /** Electron's userData: the database and the admin token live here. */
  dataDir: string;
  /** The built renderer, also served by the admin API so a browser can open the panel. */
  rendererDir: string;
  nativeBinding?: string;
  /** host:port of the admin API (default DEFAULT_ADMIN, so the CLI finds the desktop app); loopback only. */
  admin?: string;
  env?: NodeJS.ProcessEnv;
  log?: (line: string) => void;
}

export interface DesktopCore {
  running: RunningTurnout;
  dbFile: string;
  token: string;
  dataDir: string;
}

/**
 * Starts the same core as `turnout serve` (startTurnout). If the admin port is taken,
 * e.g. by a `turnout serve` already running, the admin API moves to a free port instead
 * of refusing to start the window; other failures (proxy port, database) are thrown.
 */
export async function startDesktopCore(options: DesktopCoreOptions): Promise<DesktopCore> {
  const dbFile = path.join(options.dataDir, DB_FILE);
  const admin = options.admin ?? DEFAULT_ADMIN;
  // The desktop app never allows a remote admin address (it has no setting for one);
  // refused before the token file is written. startTurnout checks it again.
  await checkAdminAddress(admin, false);
  const token = resolveAdminToken(options.dataDir, options.env ?? process.env);
  const base = {
    dbFile,
    token,
    panel: createPanelHandler(options.rendererDir),
    ...(options.nativeBinding ? { nativeBinding: options.nativeBinding } : {}),
  };
  let running: RunningTurnout;
  try {
    running = await startTurnout({ ...base, admin });
  } catch (error) {
    if (!isAddressInUse(error, admin)) throw error;
    const { host } = splitListen(admin);
    running = await startTurnout({ ...base, admin: `${host.includes(':') ? `[${host}]` : host}:0` });
    options.log?.(`Admin ${admin} is in use; the admin API moved to ${running.adminUrl}`);
  }
  // Beside the token, so `turnout status` finds this app wherever its admin API landed.
  writeRuntimeFile(options.dataDir, { adminUrl: running.adminUrl, pid: process.pid });
  return { running, dbFile, token, dataDir: options.dataDir };
}

/**
 * Quitting: the listeners stop accepting, in-flight requests and WebSockets get up to
 * `timeoutMs` to finish, then the app leaves anyway (a stuck upstream must not keep it
 * open). Resolves 'stopped', or 'timed-out' when it gave up waiting.
 */
export async function stopDesktopCore(core: DesktopCore, timeoutMs: number): Promise<'stopped' | 'timed-out'> {
  removeRuntimeFile(core.dataDir);
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<'timed-out'>((resolve) => (timer = setTimeout(() => resolve('timed-out'), timeoutMs)));
  try {
    return await Promise.race([core.running.stop().then(() => 'stopped' as const), timeout]);
  } finally {
    clearTimeout(timer);
  }
}

/** The admin listener's own "in use" error (not the proxy's), as worded by listenOn. */
function isAddressInUse(error: unknown, admin: string): boolean {
  if (!(error instanceof ListenError)) return false;
  const { host, port } = splitListen(admin);
  const where = `${host.includes(':') ? `[${host}]` : host}:${port}`;
  return error.message.startsWith(`${where} is already in use`);
}

/** A startup failure in words a user can act on. */
export function describeStartupError(error: unknown): string {
  const message = error instanceof Error ? error.message : String(error);
  if (/NODE_MODULE_VERSION|compiled against a different Node\.js version|better_sqlite3\.node/.test(message)) {
    return `${message}\n\nThe SQLite addon is not built for Electron's ABI. Run "node scripts/electron-native.mjs" (npm start does this), or start headless with "npx turnout serve".`;
  }
  return message;
}
