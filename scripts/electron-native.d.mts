// Types for scripts/electron-native.mjs (used by scripts/start.mjs and test/main).
export declare const NATIVE_DIR: string;
export declare const NATIVE_FILE: string;

export interface NativeStatus {
  dir: string;
  file: string;
  wanted: { electron: string; betterSqlite3: string; platform: string; arch: string };
  upToDate: boolean;
}
export declare function nativeStatus(root: string): NativeStatus;

export interface RunResult {
  code: number;
  output: string;
  timedOut: boolean;
}
export declare function run(command: string, args: string[], options: { cwd?: string; env?: NodeJS.ProcessEnv; timeoutMs: number }): Promise<RunResult>;
export declare function lastWords(result: RunResult, seconds: number): string;

export type EnsureResult = { ok: true; file: string; fresh: boolean; how?: 'prebuilt' | 'compiled' } | { ok: false; reason: string };
export declare function ensureElectronNative(options: {
  root: string;
  force?: boolean;
  electronBinary?: string;
  nodeGyp?: string | null;
  log?: (line: string) => void;
  env?: NodeJS.ProcessEnv;
}): Promise<EnsureResult>;
