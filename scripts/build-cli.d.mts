// Types for scripts/build-cli.mjs (used by test/support).
export declare const ROOT: string;
export declare const CLI_OUT_DIR: string;
export declare function buildCli(options?: { outDir?: string; ifStale?: boolean; logLevel?: 'info' | 'warn' | 'error' | 'silent' }): Promise<boolean>;
