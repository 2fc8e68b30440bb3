import { createRequire } from 'node:module';

/**
 * The built CLI gets package.json's version inlined by vite.cli.config.ts (`define`), so
 * `turnout --version` reads no file. From source (tsx, the tests) nothing defines it, and
 * package.json is read instead: it is three directories up from this file there.
 */
declare const __TURNOUT_VERSION__: string | undefined;

export function turnoutVersion(): string {
  if (typeof __TURNOUT_VERSION__ === 'string') return __TURNOUT_VERSION__;
  return (createRequire(import.meta.url)('../../../package.json') as { version: string }).version;
}
