import crypto from 'node:crypto';
import path from 'node:path';
import type { Browser, BrowserContext, Locator, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { methodPath } from '../../shared/contract/http';
import type { TurnoutState } from '../../shared/contract/state';
import { servedBy, tally } from '../support/backends';
import { launchChromium } from '../support/browser';
import { firstRequestAtNewRatio } from '../support/ratio-switch';
import { runCli, type ServeProcess } from '../support/turnout-process';
import { servePanel, type ServedPanel } from '../support/served-panel';

/** Set TURNOUT_E2E_SCREENSHOTS=<dir> to keep screenshots of the panel. */
const SCREENSHOTS = process.env.TURNOUT_E2E_SCREENSHOTS;
const THUMB_PX = 22;

describe('ratio panel: turnout serve + the built renderer in Chromium', () => {
  const token = `e2e-${crypto.randomBytes(12).toString('hex')}`;
  let served: ServedPanel;
  let serve: ServeProcess;
  let panelUrl: string;
  /** Keeps the children's data (and any token file) in the test's temp dir. */
  let env: NodeJS.ProcessEnv;
  let browser: Browser;
  let context: BrowserContext | undefined;

  beforeAll(async () => {
    // The real CLI, as users run it, on free ports; the token comes from the environment.
    served = await servePanel(token, 'turnout-e2e-', ['blue', 'green']);
    ({ serve, env } = served);
    panelUrl = /^Panel\s+(\S+)/m.exec(serve.output())![1]!;
    expect(panelUrl).toBe(`${serve.adminUrl}/#token=${token}`);
    browser = await launchChromium();
  });

  afterEach(async () => {
    await context?.close();
    context = undefined;
  });

  afterAll(async () => {
    await browser?.close();
    await served?.stop();
  });

  const admin = () => served.admin();
  const appliedWeights = async (): Promise<Record<string, number>> => weightsOf(await admin().getState({}));

  async function openPanel(url: string): Promise<Page> {
    context = await browser.newContext({ viewport: { width: 1000, height: 720 } });
    const page = await context.newPage();
    await page.goto(url);
    return page;
  }

  /** The applied share as the Overview's topology diagram shows it. */
  const share = (page: Page, name: string): Locator => page.locator(`.topology [data-env="${name}"] .topo-share`);

  it('drag, then Apply: nothing moves before Apply, then real traffic follows 80/20', async () => {
    const page = await openPanel(panelUrl);
    const problems: string[] = [];
    page.on('console', (message) => message.type() === 'error' && problems.push(message.text()));
    page.on('pageerror', (error) => problems.push(error.message));

    await expect.poll(() => share(page, 'blue').textContent()).toBe('50 %');
    await expect.poll(() => share(page, 'green').textContent()).toBe('50 %');
    await expect.poll(() => page.url(), { message: 'the token leaves the address bar after login' }).not.toContain('token');
    await expect(page.getByText(serve.proxyUrl).count()).resolves.toBe(1);

    // A real mouse drag of the thumb from 50 towards 80, then the arrow keys for the last step or two.
    const slider = page.getByLabel('Traffic ratio');
    // The update panel sits above the ratio: at this window height the slider starts below the fold.
    await slider.scrollIntoViewIfNeeded();
    const box = (await slider.boundingBox())!;
    const xOf = (value: number): number => box.x + THUMB_PX / 2 + ((box.width - THUMB_PX) * value) / 100;
    const y = box.y + box.height / 2;
    await page.mouse.move(xOf(50), y);
    await page.mouse.down();
    await page.mouse.move(xOf(80), y, { steps: 15 });
    await page.mouse.up();
    const dragged = Number(await slider.inputValue());
    expect(dragged, 'the drag moved the slider').toBeGreaterThanOrEqual(75);
    for (let value = dragged; value !== 80; value += value < 80 ? 1 : -1) await slider.press(value < 80 ? 'ArrowRight' : 'ArrowLeft');
    expect(await slider.inputValue()).toBe('80');
    expect(await slider.getAttribute('aria-valuetext')).toBe('blue 80 %, green 20 %');
    await expect.poll(() => page.locator('.ratio-status').textContent()).toBe('Pending 80 … 20 · applied 50 … 50');
    if (SCREENSHOTS) await page.screenshot({ path: path.join(SCREENSHOTS, 'panel-pending.png') });

    // Before Apply: the source of truth and the real traffic are still 50/50.
    expect(await appliedWeights()).toEqual({ blue: 50, green: 50 });
    expect(tally(await servedBy(serve.proxyUrl, 10))).toEqual({ blue: 5, green: 5 });
    expect(await share(page, 'blue').textContent()).toBe('50 %');

    // Time from the click (as the page saw it) to the first request the proxy served at 80/20,
    // polling the proxy request by request while the click happens.
    await page.evaluate(() => {
      // The panel's own calls can fill the default 250-entry resource timing buffer; start
      // afresh so the setRatio call below is recorded.
      performance.clearResourceTimings();
      document.addEventListener('click', () => Object.assign(window, { __clickedAt: performance.timeOrigin + performance.now() }), { capture: true, once: true });
    });
    const apply = page.getByRole('button', { name: 'Apply' });
    const clicking = apply.click();
    const switched = await firstRequestAtNewRatio(serve.proxyUrl, { blue: 80, green: 20 });
    await clicking;
    const clickedAt = await page.evaluate(() => (window as { __clickedAt?: number }).__clickedAt!);
    const roundTrip = await page.evaluate(() => {
      const call = performance.getEntriesByType('resource').find((entry) => entry.name.endsWith('/setRatio')) as PerformanceResourceTiming | undefined;
      return call ? call.responseEnd - call.startTime : NaN;
    });
    console.log(
      `Apply click -> first request served at 80/20: ${(switched.at - clickedAt).toFixed(1)} ms ` +
        `(setRatio round trip ${roundTrip.toFixed(1)} ms; ${switched.before} requests polled at the old ratio in between)`,
    );
    expect(switched.at - clickedAt).toBeLessThan(2_000);

    expect(tally(await servedBy(serve.proxyUrl, 10))).toEqual({ blue: 8, green: 2 });
    expect(await appliedWeights()).toEqual({ blue: 80, green: 20 });
    await expect.poll(() => share(page, 'blue').textContent()).toBe('80 %');
    await expect.poll(() => share(page, 'green').textContent()).toBe('20 %');
    await expect.poll(() => page.locator('.ratio-status').textContent()).toBe('Applied 80 … 20');
    expect(await apply.isDisabled()).toBe(true);
    if (SCREENSHOTS) await page.screenshot({ path: path.join(SCREENSHOTS, 'panel.png') });
    expect(problems).toEqual([]);
  });

  it('shows a change made from the CLI without a reload, keeping a pending draft', async () => {
    const page = await openPanel(panelUrl);
    await expect.poll(() => share(page, 'blue').textContent()).toBe('80 %');
    await page.evaluate(() => Object.assign(window, { __sameDocument: true }));

    // A pending draft by keyboard: 80 -> 75.
    const slider = page.getByLabel('Traffic ratio');
    await slider.focus();
    for (let i = 0; i < 5; i++) await slider.press('ArrowLeft');
    expect(await slider.inputValue()).toBe('75');

    const cli = await runCli(['ratio', '30:70', '--admin', serve.adminUrl, '--token', token], env);
    expect(cli.stderr).toBe('');
    expect(cli.code).toBe(0);

    await expect.poll(() => share(page, 'blue').textContent()).toBe('30 %');
    await expect.poll(() => share(page, 'green').textContent()).toBe('70 %');
    expect(await page.locator('.ratio-status').textContent()).toBe('Pending 75 … 25 · applied 30 … 70');
    expect(await slider.inputValue()).toBe('75');
    expect(await page.evaluate(() => (window as { __sameDocument?: boolean }).__sameDocument)).toBe(true);

    await page.getByRole('button', { name: 'Reset' }).click();
    expect(await slider.inputValue()).toBe('30');
    expect(await page.locator('.ratio-status').textContent()).toBe('Applied 30 … 70');
    expect(await appliedWeights()).toEqual({ blue: 30, green: 70 });
  });

  it('without the token the page asks for the link and the API refuses', async () => {
    const adminRoot = `${serve.adminUrl}/`;
    const page = await openPanel(adminRoot);
    await expect.poll(() => page.getByRole('heading', { name: 'This panel needs the admin token' }).count()).toBe(1);
    expect(await page.getByText('Open the link printed by turnout serve (it carries #token=…).').count()).toBe(1);
    expect(await page.getByLabel('Traffic ratio').count()).toBe(0);
    expect(await page.locator('.connection').textContent()).toBe('Locked');

    const status = await page.evaluate(async (pathname) => {
      const response = await fetch(pathname, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{}' });
      return response.status;
    }, methodPath('getState'));
    expect(status).toBe(401);
    const direct = await fetch(serve.adminUrl + methodPath('setRatio'), {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ weights: { blue: 100, green: 0 } }),
    });
    expect(direct.status).toBe(401);

    // A wrong token in the link is refused and said so.
    await page.goto(`${adminRoot}#token=not-the-token`);
    await expect.poll(() => page.getByText('The token in the link was not accepted.').count()).toBe(1);
    expect(await appliedWeights()).toEqual({ blue: 30, green: 70 });
  });
});

function weightsOf(state: TurnoutState): Record<string, number> {
  return Object.fromEntries(state.environments.map((env) => [env.name, env.weight]));
}
