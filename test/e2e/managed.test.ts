import crypto from 'node:crypto';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchChromium, openPanel } from '../support/browser';
import { freePort } from '../support/ports';
import { servePanel, type ServedPanel } from '../support/served-panel';

const APP = path.resolve(import.meta.dirname, '../fixtures/managed-app/app.mjs');

/**
 * Environments Turnout runs itself, in the panel: state, live Logs, the last lines beside a
 * crash, and a restart. `turnout serve` runs two real Express apps from their commands.
 */
describe('managed environments in the panel (turnout serve + Chromium)', () => {
  const token = `e2e-${crypto.randomBytes(12).toString('hex')}`;
  let served: ServedPanel;
  let browser: Browser;
  let page: Page;
  let bluePort: number;
  const problems: string[] = [];
  const card = (name: string) => page.locator('article.environment').filter({ has: page.getByRole('heading', { name, exact: true }) });

  beforeAll(async () => {
    served = await servePanel(token, 'turnout-e2e-managed-');
    bluePort = await freePort();
    const greenPort = await freePort();
    const health = { path: '/health', intervalMs: 200, timeoutMs: 2000, rise: 1, fall: 3 };
    await served.admin().createProfile({
      profile: {
        name: 'Own app',
        listen: '127.0.0.1:0',
        routing: 'round-robin',
        demo: false,
        environments: [
          { name: 'blue', color: '#2f6fed', url: `http://127.0.0.1:${bluePort}`, weight: 50, health, run: { command: `node ${APP}`, confirmed: true } },
          // Green cannot start: it only ever crashes, so its last lines stay beside the crash.
          { name: 'green', color: '#1f9d55', url: `http://127.0.0.1:${greenPort}`, weight: 50, health, run: { command: `node ${APP}`, env: { FAIL_START: '1' }, confirmed: true } },
        ],
      },
    });
    await served.admin().switchProfile({ name: 'Own app' });
    browser = await launchChromium();
    page = await openPanel(browser, served.serve.adminUrl, token, problems);
  });

  afterAll(async () => {
    await browser?.close();
    await served?.stop();
  });

  it('shows each process, its live logs, and the last lines beside a crash', async () => {
    await page.getByRole('tab', { name: 'Environments' }).click();
    const blue = card('blue');
    await expect.poll(() => blue.locator('.managed-state').textContent()).toMatch(/^running · pid \d+$/);
    await blue.getByText('Logs', { exact: true }).click();
    const log = page.getByRole('log', { name: 'blue logs' });
    await expect.poll(() => log.textContent()).toMatch(new RegExp(`blue v1 listening on ${bluePort}`));
    // A line the app writes now reaches the open view through the event stream.
    await fetch(`http://127.0.0.1:${bluePort}/log-me?text=seen-in-the-panel`);
    await expect.poll(() => log.textContent()).toMatch(/blue says seen-in-the-panel/);

    const green = card('green');
    await expect.poll(() => green.locator('.managed-state').textContent(), { timeout: 15_000 }).toMatch(/^crashed, crashed \d+ times?$/);
    const crash = page.getByLabel('green: last lines before the crash');
    await expect.poll(() => crash.textContent(), { timeout: 15_000 }).toMatch(/refusing to start \(FAIL_START=1\)[\s\S]*\[turnout\] exited \(code 3\): crashed \d+ times?/);
  });

  it('restarts an app from its card: a new process on the same port', async () => {
    const before = ((await (await fetch(`http://127.0.0.1:${bluePort}/pid`)).json()) as { pid: number }).pid;
    await card('blue').getByRole('button', { name: 'Restart' }).click();
    await expect
      .poll(async () => ((await (await fetch(`http://127.0.0.1:${bluePort}/pid`).catch(() => null))?.json().catch(() => null)) as { pid: number } | null)?.pid, { timeout: 15_000 })
      .not.toBe(before);
    await expect.poll(() => card('blue').locator('.managed-state').textContent(), { timeout: 15_000 }).toMatch(/^running · pid \d+$/);
    await expect.poll(() => page.getByRole('log', { name: 'blue logs' }).textContent()).toMatch(/blue got SIGTERM, exiting[\s\S]*blue v1 listening/);
    expect(problems).toEqual([]);
  });
});
