import crypto from 'node:crypto';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { getOnNewConnection, tally } from '../support/backends';
import { launchChromium, openPanel } from '../support/browser';
import { makeTempDir } from '../support/temp-dir';
import { cliAgainst, startServeWithBackends, type ServeWithBackends } from '../support/turnout-process';

/** New clients, each on its own connection, so they spread over the proxy workers. */
async function newClients(url: string, count: number): Promise<Record<string, number>> {
  const answers = await Promise.all(Array.from({ length: count }, () => getOnNewConnection(url)));
  return tally(answers.map((answer) => (answer.status === 200 ? answer.servedBy : `status ${answer.status}`)));
}

describe('proxy workers: turnout serve switched to 2 workers by the CLI, driven from the panel in Chromium', () => {
  const token = `e2e-${crypto.randomBytes(12).toString('hex')}`;
  let temp: ReturnType<typeof makeTempDir>;
  let running: ServeWithBackends;
  let browser: Browser;
  let page: Page;
  const problems: string[] = [];

  beforeAll(async () => {
    temp = makeTempDir('turnout-e2e-workers-');
    running = await startServeWithBackends(temp.dir, token);
    const { ok } = cliAgainst(() => running.serve.adminUrl, token);
    const { profile } = JSON.parse(await ok('profile', 'show', '--json')) as { profile: { name: string } };
    // The active profile moves to two worker processes on the same address while serving.
    expect(await ok('profile', 'edit', profile.name, '--workers', '2')).toMatch(/embedded · 2 worker processes/);
    browser = await launchChromium();
    page = await openPanel(browser, running.serve.adminUrl, token, problems);
  });

  afterAll(async () => {
    await browser?.close();
    await running?.stop();
    temp?.cleanup();
  });

  it('shows the worker count in the header, and preset clicks move the traffic of every worker', async () => {
    const badge = page.locator('.badge', { hasText: 'workers' });
    await expect.poll(() => badge.textContent()).toBe('embedded · 2 workers');
    expect(await badge.getAttribute('title')).toMatch(/2 worker processes behind one listen address/);
    for (const [preset, expected] of [['100:0', { blue: 8 }], ['0:100', { green: 8 }], ['50:50', { blue: 4, green: 4 }]] as const) {
      const button = page.getByRole('button', { name: preset, exact: true });
      await button.click();
      await expect.poll(() => button.getAttribute('aria-pressed')).toBe('true');
      // Eight new clients over two workers, each worker starting its round robin at its own point.
      expect(await newClients(running.serve.proxyUrl, 8), `after ${preset}`).toEqual(expected);
    }
    expect(problems).toEqual([]);
  });
});
