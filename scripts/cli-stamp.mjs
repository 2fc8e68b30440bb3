/**
 * The built CLI's freshness stamp: out/cli/stamp.json lists every file of this repository
 * that went into the build (the sources the bundler read, plus the build config,
 * package.json, whose version is built in, and package-lock.json, which stands for the
 * bundled dependencies) with its size, mtime and SHA-256. bin/turnout.js checks it before
 * every run, so a build older than its sources is never used silently. The check costs a
 * stat per file (a few ms); only a file whose size or mtime moved is read and hashed, so a
 * checkout that rewrote a file unchanged is no reason to rebuild.
 */
import fs from 'node:fs';
import path from 'node:path';

export const STAMP_FILE = 'stamp.json';
/** Not imported by any source, yet they shape the build (package.json: its version is built in). */
const ALSO_STAMPED = ['vite.cli.config.ts', 'scripts/cli-stamp.mjs', 'package.json', 'package-lock.json'];

// node:crypto takes ~5 ms to load, and a current build never needs it: load it on first use.
const sha256 = (bytes) => process.getBuiltinModule('node:crypto').createHash('sha256').update(bytes).digest('hex');

function entryFor(file) {
  const stat = fs.statSync(file);
  return [stat.size, stat.mtimeMs, sha256(fs.readFileSync(file))];
}

/**
 * A Vite plugin that writes the stamp into the build. It stamps each source when the
 * bundler takes it in (its first transform), not once the build is done, so a file edited
 * while the build runs counts as changed afterwards rather than being stamped as built.
 */
export function cliStampPlugin(root) {
  const files = new Map();
  const record = (absolute, text) => {
    const relative = path.relative(root, absolute).split(path.sep).join('/');
    if (relative.startsWith('..') || relative.split('/').includes('node_modules')) return;
    const stat = fs.statSync(absolute);
    files.set(relative, [stat.size, stat.mtimeMs, sha256(text)]);
  };
  return {
    name: 'turnout-cli-stamp',
    enforce: 'pre',
    buildStart() {
      files.clear();
    },
    transform(_code, id) {
      if (!id.startsWith('\0') && !id.includes('?') && path.isAbsolute(id) && fs.existsSync(id)) record(id, fs.readFileSync(id));
      return null;
    },
    // Written by hand: an SSR build drops emitted assets. Last, so no stamp means no whole build.
    writeBundle(options) {
      for (const file of ALSO_STAMPED) {
        const absolute = path.join(root, file);
        if (fs.existsSync(absolute)) files.set(file, entryFor(absolute));
      }
      const sorted = Object.fromEntries([...files].sort(([a], [b]) => a.localeCompare(b)));
      fs.writeFileSync(path.join(options.dir, STAMP_FILE), `${JSON.stringify({ version: 1, files: sorted })}\n`);
    },
  };
}

/** Why the build in `outDir` may not be used for the sources under `root`, or undefined if it is current. */
export function staleReason(root, outDir) {
  let stamp;
  try {
    stamp = JSON.parse(fs.readFileSync(path.join(outDir, STAMP_FILE), 'utf8'));
  } catch {
    return 'the CLI is not built yet';
  }
  if (stamp?.version !== 1 || typeof stamp.files !== 'object') return 'the build stamp is unreadable';
  for (const [file, [size, mtimeMs, hash]] of Object.entries(stamp.files)) {
    const absolute = path.join(root, file);
    let stat;
    try {
      stat = fs.statSync(absolute);
    } catch {
      return `${file} is gone since the last build`;
    }
    if (stat.size === size && stat.mtimeMs === mtimeMs) continue;
    if (stat.size !== size || sha256(fs.readFileSync(absolute)) !== hash) return `${file} changed since the last build`;
  }
  return undefined;
}
