#!/usr/bin/env -S node --max-semi-space-size=4 --max-old-space-size=1024
// The flags cap V8's young generation at 2 × 4 MB and the heap at 1 GB, where V8 lets old
// space grow to ≈ 1.6× what survives a collection instead of 4×: `turnout serve` holds ≈ 100
// MB under 50 connections instead of 120–140 MB (scripts/node-flags.mjs says more; the same
// list, kept in step by a test). They must be given at start-up, hence the shebang (`env -S`:
// GNU coreutils ≥ 8.30, macOS; npm's Windows shims read it too); they apply when the bin
// runs as a program (an installed `turnout`, `npx turnout`, `npm run serve`, headless `npm start`),
// not to `node bin/turnout.js`, which NODE_OPTIONS gives them.
// `turnout`: runs the built CLI, out/cli/turnout.js (`npm run build:cli`; `npm ci` builds it
// through `prepare`), so a command starts as plain JavaScript with no compiler in the process.
// A build older than its sources is never used: it is rebuilt first (about a second), with one
// line on stderr saying why, so a `git pull` needs no extra step. TURNOUT_FROM_SOURCE=1 runs the TypeScript sources through tsx
// instead, for development (`npm run turnout:dev -- <command>` does the same).
// Installed from the npm tarball (`npm pack`, package.json "files") there are no sources to
// be stale against, nor a bundler to rebuild with: the shipped build is the program.
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const outDir = path.join(root, 'out', 'cli');

if (process.env.TURNOUT_FROM_SOURCE && process.env.TURNOUT_FROM_SOURCE !== '0') {
  const { register } = await import('tsx/esm/api');
  register();
  await import('../electron/server/turnout.ts');
} else {
  const checkout = fs.existsSync(path.join(root, 'scripts', 'cli-stamp.mjs'));
  const stale = checkout && (await import('../scripts/cli-stamp.mjs')).staleReason(root, outDir);
  if (stale) {
    const { buildCli, describeBuildError } = await import('../scripts/build-cli.mjs');
    process.stderr.write(`turnout: ${stale}; rebuilding the CLI first (npm run build:cli)\n`);
    try {
      await buildCli({ outDir, ifStale: true, logLevel: 'silent' });
    } catch (error) {
      process.stderr.write(`turnout: the CLI could not be built: ${describeBuildError(error)} (details: npm run build:cli)\n`);
      process.exit(1);
    }
  }
  await import(pathToFileURL(path.join(outDir, 'turnout.js')).href);
}
