import { EventEmitter } from 'node:events';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { record, StandinEvent } from './record';
import { pendingNotices, requestLock, type Lock } from './single-instance';

/**
 * `app`: ready, paths, version, the single-instance lock and Electron's quit sequence
 * (before-quit → windows close → will-quit → quit → exit; a prevented will-quit stops it,
 * and the next app.quit() runs it again, as Electron does). Not proved: the OS side of
 * quitting (logout, macOS dock, Windows session end) and `activate`.
 */
const appRoot = path.resolve(process.env.ELECTRON_STANDIN_APP_PATH ?? process.cwd());
const pkg = JSON.parse(fs.readFileSync(path.join(appRoot, 'package.json'), 'utf8')) as { name: string; productName?: string; version: string };

/** Hooks the other stand-in modules add: windows to close on quit, things to close before exit. */
export const lifecycle = {
  /** Closes every window; false if one refused (its close event was prevented). */
  closeAllWindows: (): boolean => true,
  beforeExit: [] as (() => Promise<void>)[],
};

class StandinApp extends EventEmitter {
  readonly name = pkg.productName ?? pkg.name;
  readonly isPackaged = false;
  private ready = false;
  private lock: Lock | undefined;
  private exiting = false;
  /** While app.quit() closes the windows: no window-all-closed then (Electron's rule). */
  quitting = false;
  private readonly paths = new Map<string, string>([
    ['userData', path.resolve(process.env.ELECTRON_STANDIN_USER_DATA ?? fs.mkdtempSync(path.join(os.tmpdir(), 'electron-standin-userdata-')))],
    ['temp', os.tmpdir()],
    ['home', os.homedir()],
  ]);
  // Electron is ready once the main script has run: the whole import graph evaluates before this fires.
  private readonly readyPromise = new Promise<void>((resolve) =>
    setImmediate(() => {
      this.ready = true;
      record('app.ready');
      this.emit('ready', new StandinEvent(), {});
      resolve();
    }),
  );

  whenReady(): Promise<void> {
    return this.readyPromise;
  }

  isReady(): boolean {
    return this.ready;
  }

  getAppPath(): string {
    return appRoot;
  }

  getPath(name: string): string {
    const value = this.paths.get(name);
    if (!value) throw new Error(`stand-in app.getPath: no path "${name}" (add it if the app needs it)`);
    return value;
  }

  setPath(name: string, value: string): void {
    record('app.setPath', { name, value });
    this.paths.set(name, value);
  }

  getVersion(): string {
    return pkg.version;
  }

  setAppUserModelId(id: string): void {
    record('app.setAppUserModelId', { id });
  }

  requestSingleInstanceLock(additionalData?: unknown): boolean {
    this.lock ??= requestLock(this.getPath('userData'), additionalData, (argv, cwd, data) => {
      record('app.second-instance', { argv });
      this.emit('second-instance', new StandinEvent(), argv, cwd, data);
    });
    record('app.requestSingleInstanceLock', { granted: this.lock !== undefined });
    return this.lock !== undefined;
  }

  quit(): void {
    record('app.quit');
    if (this.exiting) return;
    const beforeQuit = new StandinEvent();
    this.emit('before-quit', beforeQuit);
    if (beforeQuit.defaultPrevented) return;
    this.quitting = true;
    const closed = lifecycle.closeAllWindows();
    this.quitting = false;
    if (!closed) return;
    const willQuit = new StandinEvent();
    this.emit('will-quit', willQuit);
    if (willQuit.defaultPrevented) return;
    this.emit('quit', new StandinEvent(), 0);
    void this.shutdown(0);
  }

  exit(code = 0): void {
    record('app.exit', { code });
    void this.shutdown(code);
  }

  private async shutdown(code: number): Promise<void> {
    if (this.exiting) return;
    this.exiting = true;
    await Promise.allSettled(pendingNotices);
    for (const hook of lifecycle.beforeExit) await hook().catch((error: unknown) => console.error('stand-in: before exit:', error));
    this.lock?.release();
    process.exit(code);
  }
}

export const app = new StandinApp();
