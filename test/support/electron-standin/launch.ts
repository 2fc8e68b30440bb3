import { fork, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { chromium, type Browser, type Page } from 'playwright-core';
import type { StandinRecord } from './record';

/**
 * Starts a built main process (<buildDir>/main/index.js) under Node with the electron
 * stand-in, as `electron .` would start it, and talks to it: records, menu clicks, and
 * the window's page through the test's own Playwright (connectOverCDP).
 *
 * better-sqlite3: the stand-in is plain Node, so the app gets the Node build of the addon
 * (TURNOUT_NATIVE_BINDING), never .cache/electron-native (Electron's ABI; DESIGN.md §4).
 */
export const ROOT = path.resolve(import.meta.dirname, '..', '..', '..');
const REGISTER = pathToFileURL(path.join(import.meta.dirname, 'register.mjs')).href;
const NODE_ADDON = path.join(ROOT, 'node_modules', 'better-sqlite3', 'build', 'Release', 'better_sqlite3.node');

export interface StandinProcess {
  child: ChildProcess;
  output(): string;
  /** Resolves with the exit code once the process has exited. */
  exited: Promise<number | null>;
  records(): Promise<StandinRecord[]>;
  /** Calls per IPC channel so far. */
  ipcInvoked(): Promise<Record<string, number>>;
  /** Clicks a menu item by id as the OS would; false when there is no such enabled item. */
  click(menu: 'tray' | 'application', item: string): Promise<boolean>;
  /** The first window's page (waits for it to exist and have loaded our renderer). */
  page(): Promise<Page>;
  /** SIGTERM (the app quits as on Ctrl+C), then waits for the exit. */
  stop(): Promise<number | null>;
}

export interface LaunchOptions {
  buildDir: string;
  userData: string;
  env?: Record<string, string>;
}

export function launchStandin(options: LaunchOptions): StandinProcess {
  const env: Record<string, string> = {};
  for (const [key, value] of Object.entries(process.env)) {
    // Nothing of the test's own environment that would change what the app does (but which Chromium to use).
    if (value !== undefined && (!/^(TURNOUT_|ELECTRON_)/.test(key) || key === 'TURNOUT_CHROMIUM')) env[key] = value;
  }
  const child = fork(path.join(options.buildDir, 'main', 'index.js'), [], {
    cwd: ROOT,
    execArgv: ['--import', REGISTER],
    env: { ...env, ELECTRON_STANDIN_APP_PATH: ROOT, ELECTRON_STANDIN_USER_DATA: options.userData, TURNOUT_NATIVE_BINDING: NODE_ADDON, ...options.env },
    stdio: ['ignore', 'pipe', 'pipe', 'ipc'],
  });
  let output = '';
  child.stdout!.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr!.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));

  let nextId = 1;
  const waiting = new Map<number, { resolve(value: unknown): void; reject(error: Error): void }>();
  child.on('message', (message: { id: number; ok: boolean; value?: unknown; error?: string }) => {
    const pending = waiting.get(message.id);
    waiting.delete(message.id);
    if (message.ok) pending?.resolve(message.value);
    else pending?.reject(new Error(message.error));
  });
  void exited.then(() => {
    for (const pending of waiting.values()) pending.reject(new Error(`the app exited:\n${output}`));
    waiting.clear();
  });
  const request = <T>(command: Record<string, unknown>): Promise<T> =>
    new Promise<T>((resolve, reject) => {
      const id = nextId++;
      waiting.set(id, { resolve: resolve as (value: unknown) => void, reject });
      child.send({ id, ...command });
    });

  let browser: Browser | undefined;
  return {
    child,
    output: () => output,
    exited,
    records: () => request({ cmd: 'records' }),
    ipcInvoked: () => request({ cmd: 'ipcInvoked' }),
    click: (menu, item) => request({ cmd: 'click', menu, item }),
    async page() {
      browser ??= await chromium.connectOverCDP(await request<string>({ cmd: 'cdpUrl' }));
      // Generous: two cores shared with other suites make a cold start slow.
      const deadline = Date.now() + 45_000;
      for (;;) {
        const page = browser.contexts().flatMap((context) => context.pages()).find((candidate) => candidate.url().startsWith('file:'));
        if (page) {
          await page.waitForLoadState('load');
          return page;
        }
        if (Date.now() > deadline) throw new Error(`no window loaded the renderer:\n${output}`);
        await new Promise((resolve) => setTimeout(resolve, 50));
      }
    },
    async stop() {
      await browser?.close().catch(() => {});
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM');
      // Quitting drains for up to 5 s (index.ts); a stuck app is killed after that (its Chromium
      // exits with it: Playwright's pipe to it closes).
      const killer = setTimeout(() => child.kill('SIGKILL'), 15_000);
      try {
        return await exited;
      } finally {
        clearTimeout(killer);
      }
    },
  };
}
