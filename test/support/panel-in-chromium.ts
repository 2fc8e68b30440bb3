import crypto from 'node:crypto';
import type { Browser, BrowserContextOptions, Page } from 'playwright-core';
import { afterAll, beforeAll } from 'vitest';
import { launchChromium, openPanel } from './browser';
import { servePanel, useQuickProbes, type ServedPanel } from './served-panel';

/** A browser suite's world: `turnout serve` with its backends, and the panel open in Chromium. */
export interface PanelInChromium {
  /** The admin token (random per suite), given to serve through its environment. */
  readonly token: string;
  served: ServedPanel;
  browser: Browser;
  page: Page;
  /** Console and page errors of the page: each suite asserts it empty at its end. */
  readonly problems: string[];
}

export interface PanelInChromiumOptions {
  /** Real backends to start; they become the active profile's at 50:50 (none: the demo's first run). */
  backends?: string[];
  /** Probe every 200 ms (served-panel.ts useQuickProbes): for suites that run an update's verify. */
  quickProbes?: boolean;
  /** The browser context's options (viewport, bypassCSP for axe, downloads...). */
  page?: BrowserContextOptions;
}

/**
 * Registers the suite's beforeAll and afterAll: serve and backends up, the panel open and
 * drawn; then the browser closed and everything stopped. Call it inside `describe`; the
 * fields are set once beforeAll has run.
 */
export function usePanelInChromium(tempPrefix: string, options: PanelInChromiumOptions = {}): PanelInChromium {
  const ui = { token: `e2e-${crypto.randomBytes(12).toString('hex')}`, problems: [] as string[] } as PanelInChromium;
  beforeAll(async () => {
    ui.served = await servePanel(ui.token, tempPrefix, options.backends ?? []);
    if (options.quickProbes) await useQuickProbes(ui.served.admin());
    ui.browser = await launchChromium();
    ui.page = await openPanel(ui.browser, ui.served.serve.adminUrl, ui.token, ui.problems, options.page);
  });
  afterAll(async () => {
    await ui.browser?.close();
    await ui.served?.stop();
  });
  return ui;
}
