import fs from 'node:fs';
import path from 'node:path';
import { makeDirectory } from '../core/make-directory';

/**
 * A running Turnout's address, kept beside its admin token so the CLI finds it even when the
 * admin API had to move to a free port. Written by the desktop app at start, removed at quit;
 * a file left by a crash is recognised by its pid no longer running.
 */
export const RUNTIME_FILE = 'runtime.json';

export interface RuntimeInfo {
  adminUrl: string;
  pid: number;
}

export function writeRuntimeFile(dataDir: string, info: RuntimeInfo): void {
  makeDirectory(dataDir);
  const file = path.join(dataDir, RUNTIME_FILE);
  const temp = `${file}.${process.pid}.tmp`;
  fs.writeFileSync(temp, `${JSON.stringify(info)}\n`, { mode: 0o600 });
  fs.renameSync(temp, file);
}

/** Removes the file if it is still this process's (another instance may have taken over). */
export function removeRuntimeFile(dataDir: string, pid = process.pid): void {
  if (readRuntimeFile(dataDir, () => true)?.pid === pid) fs.rmSync(path.join(dataDir, RUNTIME_FILE), { force: true });
}

function processRuns(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    // EPERM: it runs, as another user.
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** The running Turnout recorded in dataDir, if the file is valid and its process still runs. */
export function readRuntimeFile(dataDir: string, isRunning: (pid: number) => boolean = processRuns): RuntimeInfo | undefined {
  let parsed: unknown;
  try {
    parsed = JSON.parse(fs.readFileSync(path.join(dataDir, RUNTIME_FILE), 'utf8'));
  } catch {
    return undefined;
  }
  if (typeof parsed !== 'object' || parsed === null) return undefined;
  const { adminUrl, pid } = parsed as Partial<RuntimeInfo>;
  if (typeof adminUrl !== 'string' || !/^https?:\/\/[^/]+$/.test(adminUrl) || !Number.isInteger(pid) || pid! <= 0) return undefined;
  return isRunning(pid!) ? { adminUrl, pid: pid! } : undefined;
}
