import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { BrowserContext, Page, Route } from 'playwright-core';
import { CHROMIUM_ARGS, CHROMIUM_PATH } from '../browser';
import { lifecycle } from './app';
import { record } from './record';
import { applyHeadersListener } from './session';

/**
 * The Chromium behind every BrowserWindow: Debian's /usr/bin/chromium (or TURNOUT_CHROMIUM) through playwright-core,
 * one persistent context (one "session"), a DevTools port for the test to drive pages.
 * file:// responses are served here (read from disk, headers from session.ts) because
 * Electron's file: handler, not Chromium's, is what an app's onHeadersReceived sees; it also
 * lets module scripts load from file:// as they do in Electron. Not proved: Electron's own
 * Chromium build and version, GPU, real window chrome.
 */
const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.json': 'application/json',
  '.woff2': 'font/woff2',
};

let launched: Promise<{ context: BrowserContext; cdpUrl: string }> | undefined;
const claimed = new WeakSet<Page>();

async function launch(): Promise<{ context: BrowserContext; cdpUrl: string }> {
  if (!fs.existsSync(CHROMIUM_PATH)) throw new Error(`stand-in: no Chromium at ${CHROMIUM_PATH}: install Debian's chromium package or set TURNOUT_CHROMIUM`);
  // Loaded on the first window only: a second instance, refused the lock, never pays for it.
  const { chromium } = await import('playwright-core');
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'electron-standin-chromium-'));
  // The e2e suites' flags (headless, no sandbox, no GPU, no background traffic), plus a DevTools port for the test.
  const context = await chromium.launchPersistentContext(dir, { executablePath: CHROMIUM_PATH, headless: true, args: [...CHROMIUM_ARGS, '--remote-debugging-port=0'] });
  lifecycle.beforeExit.push(async () => {
    await context.close().catch(() => {});
    fs.rmSync(dir, { recursive: true, force: true });
  });
  context.on('request', (request) => record('page.request', { url: request.url(), method: request.method() }));
  await context.route('file://**', serveFile);
  const port = fs.readFileSync(path.join(dir, 'DevToolsActivePort'), 'utf8').split('\n')[0];
  return { context, cdpUrl: `http://127.0.0.1:${port}` };
}

function chromiumOnce(): Promise<{ context: BrowserContext; cdpUrl: string }> {
  launched ??= launch();
  return launched;
}

/** The DevTools endpoint, for the test's own Playwright (connectOverCDP). */
export async function cdpUrl(): Promise<string> {
  return (await chromiumOnce()).cdpUrl;
}

/** A fresh page for a window: the context's first blank page, then new ones. */
export async function newPage(): Promise<Page> {
  const { context } = await chromiumOnce();
  const blank = context.pages().find((page) => !claimed.has(page) && page.url() === 'about:blank');
  const page = blank ?? (await context.newPage());
  claimed.add(page);
  return page;
}

async function serveFile(route: Route): Promise<void> {
  const request = route.request();
  let body: Buffer;
  try {
    body = fs.readFileSync(fileURLToPath(request.url()));
  } catch {
    await route.abort('failed');
    return;
  }
  const type = TYPES[path.extname(new URL(request.url()).pathname)] ?? 'application/octet-stream';
  const { cancel, headers } = await applyHeadersListener({ url: request.url(), method: request.method(), resourceType: request.resourceType(), statusCode: 200, responseHeaders: { 'Content-Type': [type] } });
  if (cancel) {
    await route.abort('blockedbyclient');
    return;
  }
  record('file.response', { url: request.url(), headers });
  await route.fulfill({ status: 200, body, headers });
}
