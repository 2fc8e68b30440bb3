// Types for scripts/cli-stamp.mjs (used by vite.cli.config.ts, bin/turnout.js and test/server).
import type { Plugin } from 'vite';

export declare const STAMP_FILE: string;
export declare function cliStampPlugin(root: string): Plugin;
export declare function staleReason(root: string, outDir: string): string | undefined;
