import fs from 'node:fs';
import { chromium, type Browser, type BrowserContextOptions, type Page } from 'playwright-core';

/** Debian's Chromium; Playwright's own browser download is never used. */
export const CHROMIUM_PATH = process.env.TURNOUT_CHROMIUM ?? '/usr/bin/chromium';

export const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--no-first-run',
  '--disable-sync',
];

/** Launches the system Chromium headless, or says clearly why it cannot. */
export async function launchChromium(): Promise<Browser> {
  if (!fs.existsSync(CHROMIUM_PATH)) {
    throw new Error(`no Chromium at ${CHROMIUM_PATH}: install Debian's chromium package or set TURNOUT_CHROMIUM`);
  }
  return chromium.launch({ executablePath: CHROMIUM_PATH, headless: true, args: CHROMIUM_ARGS });
}

/**
 * Opens the control panel logged in through its `#token=` link and waits for the first
 * state to be drawn. Console errors and page errors are collected in `problems`, which
 * each suite asserts empty at its end.
 */
export async function openPanel(
  browser: Browser,
  adminUrl: string,
  token: string,
  problems: string[],
  options: BrowserContextOptions = {},
): Promise<Page> {
  const context = await browser.newContext({ viewport: { width: 1180, height: 1000 }, ...options });
  const page = await context.newPage();
  page.on('console', (message) => message.type() === 'error' && problems.push(message.text()));
  page.on('pageerror', (error) => problems.push(error.message));
  await page.goto(`${adminUrl}/#token=${token}`);
  await page.locator('.topology [data-env="blue"] .topo-share').waitFor();
  return page;
}
