import { DEFAULT_ADMIN } from '../../shared/domain/default-addresses';
import { defaultDataDir, desktopDataDir } from './data-dir';
import { readRuntimeFile, type RuntimeInfo } from './runtime-file';
import { readTokenFile } from './token';

export interface LocalServer {
  adminUrl: string;
  token: string | undefined;
}

export interface LocalServerLookup {
  admin?: string | undefined;
  token?: string | undefined;
  env: NodeJS.ProcessEnv;
  /** Where the headless server and the desktop app keep their token (defaults: the real places). */
  headlessDir?: string;
  desktopDir?: string;
  readRuntime?: (dir: string) => RuntimeInfo | undefined;
}

/**
 * Which Turnout a CLI command talks to, and with which token, when not told: --admin /
 * TURNOUT_ADMIN, else a running desktop app (its runtime file), else the default address.
 * The token: --token / TURNOUT_TOKEN, else the token of the Turnout at that address: the
 * desktop app's when its runtime file names that address, else the headless one's, else the
 * desktop app's (same default address, no runtime file yet).
 */
export function resolveLocalServer(lookup: LocalServerLookup): LocalServer {
  const headlessDir = lookup.headlessDir ?? defaultDataDir(lookup.env);
  const desktopDir = lookup.desktopDir ?? desktopDataDir(lookup.env);
  const desktop = (lookup.readRuntime ?? readRuntimeFile)(desktopDir);
  const adminUrl = lookup.admin ?? lookup.env.TURNOUT_ADMIN ?? desktop?.adminUrl ?? `http://${DEFAULT_ADMIN}`;
  const explicit = lookup.token ?? lookup.env.TURNOUT_TOKEN;
  if (explicit) return { adminUrl, token: explicit };
  const sameAddress = desktop !== undefined && stripSlash(desktop.adminUrl) === stripSlash(adminUrl);
  const token = sameAddress ? readTokenFile(desktopDir) : (readTokenFile(headlessDir) ?? readTokenFile(desktopDir));
  return { adminUrl, token };
}

const stripSlash = (url: string): string => url.replace(/\/+$/, '');
