#!/usr/bin/env node
// Runs the TypeScript CLI straight from source through tsx, so `npx turnout` works right
// after `npm ci` with no separate build step.
import { register } from 'tsx/esm/api';

register();
const { main } = await import('../electron/server/cli.ts');
process.exitCode = await main(process.argv.slice(2));
