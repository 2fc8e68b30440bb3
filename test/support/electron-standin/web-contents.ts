import { EventEmitter } from 'node:events';
import type { CDPSession, Page } from 'playwright-core';

/**
 * A window's webContents: what the app's security guards and event forwarding use. The
 * window-open handler and `will-navigate` listeners are kept but never called (Chromium
 * navigates on its own here): the navigation guard is not proved by the stand-in.
 */
export class StandinWebContents extends EventEmitter {
  private sending: Promise<unknown> = Promise.resolve();
  private cdp: Promise<CDPSession> | undefined;
  windowOpenHandler: unknown;
  destroyed = false;
  /** The page's URL once loaded (BrowserWindow sets it). */
  url = '';

  constructor(
    readonly id: number,
    private readonly page: Promise<Page>,
  ) {
    super();
  }

  getType(): string {
    return 'window';
  }

  isDestroyed(): boolean {
    return this.destroyed;
  }

  setWindowOpenHandler(handler: unknown): void {
    this.windowOpenHandler = handler;
  }

  getURL(): string {
    return this.url;
  }

  /**
   * In order, like Electron's channel; a page between documents drops the message, as
   * Electron's does. Through CDP's Runtime.evaluate, not page.evaluate: Playwright's
   * evaluate runs an eval() in the page, which its CSP reports as a violation.
   */
  send(channel: string, ...args: unknown[]): void {
    if (this.destroyed) return;
    const expression = `window.__electronStandinDeliver?.(${JSON.stringify(channel)}, ${JSON.stringify(args)})`;
    this.sending = this.sending.then(async () => {
      const page = await this.page;
      this.cdp ??= page.context().newCDPSession(page);
      await (await this.cdp).send('Runtime.evaluate', { expression });
    }).catch(() => {});
  }
}
