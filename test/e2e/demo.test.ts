import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { servedBy, tally } from '../support/backends';
import { launchChromium, openPanel } from '../support/browser';
import type { ServeProcess } from '../support/turnout-process';
import { servePanel, type ServedPanel } from '../support/served-panel';

/** Set TURNOUT_E2E_SCREENSHOTS=<dir> (e.g. docs/screenshots) to write demo-light.png. */
const SCREENSHOTS = process.env.TURNOUT_E2E_SCREENSHOTS;

/** The demo card against a first-run `turnout serve` (no backends: the demo profile), in Chromium. */
describe('demo card: first-run turnout serve + the built renderer in Chromium', () => {
  const token = `e2e-${crypto.randomBytes(12).toString('hex')}`;
  let served: ServedPanel;
  let serve: ServeProcess;
  let browser: Browser;
  let page: Page;
  const problems: string[] = [];

  beforeAll(async () => {
    served = await servePanel(token, 'turnout-e2e-demo-');
    ({ serve } = served);
    browser = await launchChromium();
    page = await openPanel(browser, serve.adminUrl, token, problems, { colorScheme: 'light' });
  });

  afterAll(async () => {
    await browser?.close();
    await served?.stop();
  });

  const card = () => page.getByRole('region', { name: 'Demo apps' });
  const app = (name: string) => card().getByRole('listitem', { name: `demo app ${name}` });
  const topoStatus = (name: string) => page.locator(`.topology [data-env="${name}"] .topo-status`).textContent();

  it('shows the apps and the guide, drives load, a new version, a crash and a restart', async () => {
    expect(await page.locator('.topbar-profile strong').textContent()).toBe('Demo');
    expect(await page.getByRole('region', { name: /^Welcome/ }).getByText('turnout demo new-version blue').count()).toBe(1);
    expect(await app('blue').locator('.demo-label').textContent()).toBe('v1 Blue');
    expect(await app('green').locator('.demo-label').textContent()).toBe('v2 Green');

    // Load: 50 req/s through the real proxy; the card and the diagram both see it.
    const load = card().getByRole('form', { name: 'Demo load' });
    await load.getByLabel('Load (req/s)').fill('50');
    await load.getByRole('button', { name: 'Start load' }).click();
    await expect.poll(async () => Number(await load.locator('.demo-achieved-rps').textContent()), { timeout: 8_000 }).toBeGreaterThan(0);
    await expect.poll(() => page.locator('.topology [data-env="blue"] .topo-rps').textContent(), { timeout: 8_000 }).not.toBe('0 req/s');

    await app('blue').getByRole('button', { name: 'New version' }).click();
    await expect.poll(() => app('blue').locator('.demo-label').textContent()).toBe('v3 Blue');

    // Crash green: the diagram shows it down and every request goes to blue.
    await app('green').getByRole('button', { name: 'Crash' }).click();
    await expect.poll(() => app('green').locator('.demo-running').textContent()).toBe('crashed');
    await expect.poll(() => topoStatus('green'), { timeout: 8_000 }).toBe('● Down');
    expect(tally(await servedBy(serve.proxyUrl, 6))).toEqual({ blue: 6 });

    await app('green').getByRole('button', { name: 'Restart' }).click();
    await expect.poll(() => app('green').locator('.demo-running').textContent()).toBe('running');
    await expect.poll(() => topoStatus('green'), { timeout: 10_000 }).toBe('● Up');
    await expect.poll(async () => Object.keys(tally(await servedBy(serve.proxyUrl, 4))).sort()).toEqual(['blue', 'green']);

    // Faults: one click each; the card says what is injected.
    await app('blue').getByRole('button', { name: '+200 ms' }).click();
    await expect.poll(() => app('blue').locator('.demo-faults').textContent()).toBe('+200 ms');
    await app('blue').getByRole('button', { name: '20 % errors' }).click();
    await expect.poll(() => app('blue').getByRole('button', { name: '20 % errors' }).getAttribute('aria-pressed')).toBe('true');
    expect(await app('blue').locator('.demo-faults').textContent()).toBe('+200 ms, 20 % errors');
    await app('blue').getByRole('button', { name: 'No latency' }).click();
    await app('blue').getByRole('button', { name: '0 % errors', exact: true }).click();
    await expect.poll(() => app('blue').locator('.demo-faults').textContent()).toBe('no faults');

    if (SCREENSHOTS) {
      fs.mkdirSync(SCREENSHOTS, { recursive: true });
      await page.waitForTimeout(2_500);
      await page.screenshot({ path: path.join(SCREENSHOTS, 'demo-light.png'), fullPage: true });
    }
    await load.getByRole('button', { name: 'Stop load' }).click();
    await expect.poll(() => load.getByRole('button', { name: 'Start load' }).count()).toBe(1);
    expect(problems).toEqual([]);
  });

  it('lets the room open the demo: the proxy moves to every interface on the same port, the admin surface stays on loopback, and back', async () => {
    const before = new URL(serve.proxyUrl);
    const qr = card().locator('.demo-qr');
    await qr.getByRole('button', { name: 'Let the room open it' }).click();
    await expect.poll(async () => (await served.admin().getState({})).profile.listen).toBe(`0.0.0.0:${before.port}`);
    const state = await served.admin().getState({});
    const lan = state.demo!.lanAddresses;
    // The QR and its link: this machine's network address when it has one (never loopback).
    await expect.poll(() => qr.locator('a').textContent()).toBe(lan.length > 0 ? `http://${lan[0]}:${before.port}/` : `http://0.0.0.0:${before.port}`);
    // Still served on the same port (only loopback is ever connected to here), and the admin API did not move.
    expect(tally(await servedBy(`http://127.0.0.1:${before.port}`, 4))).toEqual({ blue: 2, green: 2 });
    expect(new URL(serve.adminUrl).hostname).toBe('127.0.0.1');
    await qr.getByRole('button', { name: 'This machine only' }).click();
    await expect.poll(async () => (await served.admin().getState({})).profile.listen).toBe(`127.0.0.1:${before.port}`);
    await expect.poll(() => qr.locator('a').textContent()).toBe(`http://127.0.0.1:${before.port}`);
    expect(problems).toEqual([]);
  });
});
