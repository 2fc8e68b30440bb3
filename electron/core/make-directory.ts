import fs from 'node:fs';
import path from 'node:path';

/**
 * `fs.mkdirSync(dir, { recursive: true })`, one level at a time. Node's recursive mkdir spins
 * forever where creating a child of an existing directory fails with ENOENT (under /proc, for
 * example): a data dir typed there hung `turnout tls ca --db /proc/x/turnout.db`. Here every
 * failure is an error naming the directory that could not be made.
 */
export function makeDirectory(dir: string, mode?: number): void {
  const missing: string[] = [];
  let current = path.resolve(dir);
  for (;;) {
    const stat = statOrMissing(current);
    if (stat) {
      if (!stat.isDirectory()) throw new Error(`cannot create ${dir}: ${current} is not a directory`);
      break;
    }
    missing.push(current);
    const parent = path.dirname(current);
    if (parent === current) break;
    current = parent;
  }
  for (const child of missing.reverse()) {
    try {
      fs.mkdirSync(child, mode === undefined ? undefined : { mode });
    } catch (error) {
      // Made meanwhile by someone else (two processes starting at once): fine if it is a directory.
      if ((error as NodeJS.ErrnoException).code === 'EEXIST' && fs.statSync(child).isDirectory()) continue;
      throw new Error(`cannot create ${child}: ${(error as Error).message}`);
    }
  }
}

/** undefined where nothing is, and where a parent is a file (ENOTDIR): the walk goes on up to it. */
function statOrMissing(file: string): fs.Stats | undefined {
  try {
    return fs.statSync(file, { throwIfNoEntry: false });
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOTDIR') return undefined;
    throw error;
  }
}
