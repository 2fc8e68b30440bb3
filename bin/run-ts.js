#!/usr/bin/env node
// Runs one TypeScript entry point from source through tsx (as bin/turnout.js does for the
// CLI), e.g. `node bin/run-ts.js bench/run.ts`; extra arguments pass through.
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { register } from 'tsx/esm/api';

register();
const [entry, ...rest] = process.argv.slice(2);
if (!entry) {
  console.error('usage: node bin/run-ts.js <file.ts> [args...]');
  process.exit(2);
}
const file = path.resolve(entry);
process.argv = [process.argv[0], file, ...rest];
await import(pathToFileURL(file).href);
