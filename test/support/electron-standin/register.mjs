/**
 * Loaded with `node --import` into the built main process by launch.ts, and nowhere else:
 * TypeScript (the stand-in's own files, through tsx) and `electron` → ./index.ts, for
 * that child process only. Never part of a build or a package.
 */
import { register } from 'node:module';
import { register as registerTsx } from 'tsx/esm/api';

registerTsx();
register('./hooks.mjs', import.meta.url);
