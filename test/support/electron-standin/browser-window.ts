import { EventEmitter } from 'node:events';
import fs from 'node:fs';
import { pathToFileURL } from 'node:url';
import type { Page } from 'playwright-core';
import { app, lifecycle } from './app';
import { newPage } from './chromium';
import { ipcMain } from './ipc-main';
import { preloadInitScript } from './page-preload';
import { record, StandinEvent } from './record';
import { StandinWebContents } from './web-contents';

/**
 * BrowserWindow and its webContents over a real Chromium page (chromium.ts): loadFile /
 * loadURL navigate it, the preload runs in it (page-preload.ts), invoke and send reach
 * ipcMain, webContents.send reaches the page's ipcRenderer listeners. Show, focus,
 * minimise and bounds are bookkeeping and records. Not proved: window chrome, real focus,
 * the navigation guards (web-contents.ts), ready-to-show timing (here: after the load event).
 */
interface WindowOptions {
  title?: string;
  width?: number;
  height?: number;
  show?: boolean;
  webPreferences?: { preload?: string } & Record<string, unknown>;
}

let nextId = 1;

export class BrowserWindow extends EventEmitter {
  private static readonly open = new Set<BrowserWindow>();
  readonly id = nextId++;
  readonly webContents: StandinWebContents;
  private readonly page: Promise<Page>;
  private visible: boolean;
  private minimized = false;
  private maximized = false;
  private destroyed = false;
  private readonly bounds: { x: number; y: number; width: number; height: number };

  static getAllWindows(): BrowserWindow[] {
    return [...BrowserWindow.open];
  }

  static getFocusedWindow(): BrowserWindow | null {
    return BrowserWindow.getAllWindows().at(-1) ?? null;
  }

  constructor(private readonly options: WindowOptions = {}) {
    super();
    this.visible = options.show !== false;
    this.bounds = { x: 0, y: 0, width: options.width ?? 800, height: options.height ?? 600 };
    this.page = this.preparePage();
    // Electron rejects nothing here; a page that fails to start is a broken test machine.
    this.page.catch((error: unknown) => {
      record('window.page-failed', { id: this.id, message: String(error) });
      console.error('stand-in: the window has no page:', error);
    });
    this.webContents = new StandinWebContents(this.id, this.page);
    BrowserWindow.open.add(this);
    record('BrowserWindow.new', { id: this.id, title: options.title, show: options.show, webPreferences: options.webPreferences });
    app.emit('web-contents-created', new StandinEvent(), this.webContents);
  }

  private async preparePage(): Promise<Page> {
    const page = await newPage();
    await page.setViewportSize({ width: this.bounds.width, height: this.bounds.height });
    const event = (frameUrl: string) => ({ sender: this.webContents, senderFrame: { url: frameUrl }, frameId: 0, processId: 0 });
    await page.exposeBinding('__electronStandinInvoke', (source, channel: string, args: unknown[]) => ipcMain.invoke(channel, event(source.frame.url()), args));
    await page.exposeBinding('__electronStandinSend', (source, channel: string, args: unknown[]) => void ipcMain.emit(channel, event(source.frame.url()), ...args));
    page.on('console', (message) => {
      if (message.type() === 'error' || message.type() === 'warning') record('page.console', { type: message.type(), text: message.text() });
    });
    page.on('pageerror', (error) => record('page.error', { message: error.message }));
    // The page closed from outside (the test, as a user clicking the close button): `close`,
    // then the window goes. Too late to prevent it here; a prevented close is only recorded.
    page.on('close', () => {
      if (this.destroyed) return;
      const event = new StandinEvent();
      this.emit('close', event);
      if (event.defaultPrevented) record('window.close-prevented-too-late', { id: this.id });
      this.destroy();
    });
    const preload = this.options.webPreferences?.preload;
    if (preload) await page.addInitScript(preloadInitScript(fs.readFileSync(preload, 'utf8')));
    return page;
  }

  loadFile(file: string): Promise<void> {
    return this.loadURL(pathToFileURL(file).href);
  }

  loadURL(url: string): Promise<void> {
    record('window.loadURL', { id: this.id, url });
    const loading = (async () => {
      const page = await this.page;
      await page.goto(url);
      this.webContents.url = page.url();
      this.webContents.emit('did-finish-load');
      this.emit('ready-to-show');
    })();
    // `void window.loadFile(...)` must not crash the process on a failed load (Electron only warns).
    loading.catch((error: unknown) => record('window.load-failed', { id: this.id, url, message: String(error) }));
    return loading;
  }

  show(): void {
    this.visible = true;
    this.minimized = false;
    record('window.show', { id: this.id });
  }

  hide(): void {
    this.visible = false;
    record('window.hide', { id: this.id });
  }

  focus(): void {
    record('window.focus', { id: this.id });
    void this.page.then((page) => page.bringToFront()).catch(() => {});
  }

  isVisible(): boolean {
    return this.visible;
  }

  isMinimized(): boolean {
    return this.minimized;
  }

  minimize(): void {
    this.minimized = true;
  }

  restore(): void {
    this.minimized = false;
    record('window.restore', { id: this.id });
  }

  maximize(): void {
    this.maximized = true;
  }

  isMaximized(): boolean {
    return this.maximized;
  }

  getNormalBounds(): { x: number; y: number; width: number; height: number } {
    return { ...this.bounds };
  }

  setBackgroundColor(color: string): void {
    record('window.setBackgroundColor', { id: this.id, color });
  }

  isDestroyed(): boolean {
    return this.destroyed;
  }

  /** Like the user closing it: `close` may be prevented, then the window is destroyed. */
  close(): boolean {
    if (this.destroyed) return true;
    const event = new StandinEvent();
    this.emit('close', event);
    if (event.defaultPrevented) return false;
    this.destroy();
    return true;
  }

  destroy(): void {
    if (this.destroyed) return;
    this.destroyed = true;
    this.webContents.destroyed = true;
    BrowserWindow.open.delete(this);
    record('window.closed', { id: this.id });
    void this.page.then((page) => page.close()).catch(() => {});
    this.emit('closed');
    if (BrowserWindow.open.size === 0 && !app.quitting) app.emit('window-all-closed');
  }
}

lifecycle.closeAllWindows = () => BrowserWindow.getAllWindows().every((window) => window.close());
