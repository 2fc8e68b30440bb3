import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { servedBy, tally, type Backend } from '../support/backends';
import { launchChromium, openPanel } from '../support/browser';
import { firstRequestAtNewRatio } from '../support/ratio-switch';
import { backgroundTraffic } from '../support/panel-load';
import { runCli, type ServeProcess } from '../support/turnout-process';
import { servePanel, type ServedPanel } from '../support/served-panel';

/** Set TURNOUT_E2E_SCREENSHOTS=<dir> (e.g. docs/screenshots) to write the README screenshots. */
const SCREENSHOTS = process.env.TURNOUT_E2E_SCREENSHOTS;

/**
 * Every view of the control panel against `turnout serve` with real backends, in one page
 * (one browser, one login) to keep the run short. Each test leaves the ratio at 50/50.
 */
describe('control panel views: turnout serve + the built renderer in Chromium', () => {
  const token = `e2e-${crypto.randomBytes(12).toString('hex')}`;
  let served: ServedPanel;
  let backends: Record<string, Backend>;
  let serve: ServeProcess;
  let env: NodeJS.ProcessEnv;
  let browser: Browser;
  let page: Page;
  const problems: string[] = [];

  beforeAll(async () => {
    // stable and canary serve a profile the profiles test creates in the form.
    served = await servePanel(token, 'turnout-e2e-panel-', ['blue', 'green', 'stable', 'canary'], ['blue', 'green']);
    ({ backends, serve, env } = served);
    browser = await launchChromium();
    page = await openPanel(browser, serve.adminUrl, token, problems, { viewport: { width: 1180, height: 900 }, acceptDownloads: true });
  });

  afterAll(async () => {
    await browser?.close();
    await served?.stop();
  });

  const admin = () => served.admin();
  const proxyUrl = async (): Promise<string> => (await admin().getState({})).proxy.url;
  const share = (name: string): Promise<string | null> => page.locator(`.topology [data-env="${name}"] .topo-share`).textContent();
  const tab = (name: string) => page.getByRole('tab', { name });

  it('overview: the topology is a labelled figure, and each preset button moves real traffic', async () => {
    await tab('Overview').click();
    const figure = page.getByRole('figure', { name: 'Traffic topology: clients to Turnout to blue, green' });
    expect(await figure.count()).toBe(1);
    expect(await figure.locator('li').first().textContent()).toMatch(/^blue: 50 % of new traffic, up, /);

    const presets = (await admin().getState({})).presets;
    expect(presets.map((preset) => preset.name)).toEqual(['100:0', '75:25', '50:50', '25:75', '0:100']);
    // From 50/50 each step changes the ratio (in an order where the switch is visible in the
    // served sequence, so the timing is exact); the last one comes back to 50/50.
    const timings: string[] = [];
    for (const name of ['100:0', '25:75', '75:25', '0:100', '50:50']) {
      const weights = presets.find((preset) => preset.name === name)!.weights;
      const button = page.getByRole('button', { name, exact: true });
      await page.evaluate(() => {
        document.addEventListener('click', () => Object.assign(window, { __clickedAt: performance.timeOrigin + performance.now() }), { capture: true, once: true });
      });
      const clicking = button.click();
      const switched = await firstRequestAtNewRatio(serve.proxyUrl, weights);
      await clicking;
      const clickedAt = await page.evaluate(() => (window as { __clickedAt?: number }).__clickedAt!);
      timings.push(`${name} ${(switched.at - clickedAt).toFixed(0)} ms`);
      await expect.poll(() => button.getAttribute('aria-pressed')).toBe('true');
      // 20 requests: 75:25 repeats every 4, so any 20 in a row split exactly 15/5.
      const expected = Object.fromEntries(Object.entries(weights).filter(([, weight]) => weight > 0).map(([env, weight]) => [env, weight / 5]));
      expect(tally(await servedBy(serve.proxyUrl, 20)), `after preset ${name}`).toEqual(expected);
      await expect.poll(() => share('blue')).toBe(`${weights.blue} %`);
    }
    console.log(`Preset click -> first request served at the new ratio: ${timings.join(', ')}`);
  });

  it('overview: live figures reach the page at most 10 times a second, and the chart draws', async () => {
    // Count DOM commits in the diagram while real traffic flows: every state or metrics
    // event changes it, so this is the rate at which stats reach the page.
    await page.evaluate(() => {
      const target = document.querySelector('.topology')!;
      const w = window as unknown as { __commits: number };
      w.__commits = 0;
      new MutationObserver(() => w.__commits++).observe(target, { subtree: true, childList: true, characterData: true, attributes: true });
      // Frames drawn meanwhile, and the longest gap between two: does the page stay smooth?
      const f = window as unknown as { __frames: number; __worstGapMs: number };
      f.__frames = 0;
      f.__worstGapMs = 0;
      let last = performance.now();
      const tick = (now: number): void => {
        f.__frames++;
        f.__worstGapMs = Math.max(f.__worstGapMs, now - last);
        last = now;
        requestAnimationFrame(tick);
      };
      requestAnimationFrame(tick);
    });
    const load = backgroundTraffic(serve.proxyUrl);
    const started = Date.now();
    await page.waitForTimeout(3_000);
    const { commits, frames, worstGapMs } = await page.evaluate(() => {
      const w = window as unknown as { __commits: number; __frames: number; __worstGapMs: number };
      return { commits: w.__commits, frames: w.__frames, worstGapMs: w.__worstGapMs };
    });
    const seconds = (Date.now() - started) / 1000;
    const sent = await load.stop();
    const perSecond = commits / seconds;
    const fps = frames / seconds;
    console.log(`Stats to the page under load (${Math.round(sent / seconds)} req/s): ${perSecond.toFixed(1)} updates/s, ${fps.toFixed(0)} frames/s, worst frame gap ${worstGapMs.toFixed(0)} ms`);
    // Headless Chromium paces frames at 60 Hz; the flow animation and live figures must not
    // drag the page below half of that on a two-core machine. (The 10k req/s is out
    // of reach here: this proxy serves ~5k on two cores shared with the load and the browser.)
    expect(fps).toBeGreaterThan(30);
    expect(perSecond).toBeGreaterThan(0.5);
    expect(perSecond).toBeLessThanOrEqual(10);

    await expect.poll(() => page.locator('.topology [data-env="blue"] .topo-rps').textContent()).not.toBe('0 req/s');
    expect(await page.locator('.chart canvas').count()).toBeGreaterThan(0);
    await expect.poll(() => page.locator('.chart-empty').count()).toBe(0);
  });

  it('overview: the routing picker changes the active profile', async () => {
    const picker = page.getByLabel('Routing method');
    await picker.selectOption('sticky');
    await expect.poll(async () => (await admin().getState({})).profile.routing).toBe('sticky');
    await picker.selectOption('round-robin');
    await expect.poll(async () => (await admin().getState({})).profile.routing).toBe('round-robin');
    await expect.poll(() => page.locator('.topo-node text', { hasText: 'round robin' }).count()).toBe(1);
  });

  it('environments: cards show health and the last probe; health settings validate inline, save and "Test now"', async () => {
    await tab('Environments').click();
    const blue = page.getByRole('article', { name: 'blue' });
    await expect.poll(() => blue.locator('.health').textContent()).toBe('Up');
    await expect.poll(() => blue.locator('.probe').textContent()).toMatch(/^Last check \d+ s ago: 200 in \d+ ms$/);
    expect(await blue.locator('.sparkline polyline').count()).toBe(1);

    await blue.getByText('Health check settings').click();
    const path = blue.getByLabel('Path');
    await path.fill('health');
    await expect.poll(() => blue.locator('.field-error').first().textContent()).toBe('must start with / and contain no spaces');
    expect(await blue.getByRole('button', { name: 'Save health check' }).isDisabled()).toBe(true);
    await path.fill('/health');
    await blue.getByLabel('Interval (ms)').fill('1000');
    await blue.getByRole('button', { name: 'Save health check' }).click();
    await expect.poll(() => blue.getByRole('status').textContent()).toBe('Saved');
    const { profile } = await admin().getProfile({});
    expect(profile.environments[0]!.health).toMatchObject({ path: '/health', intervalMs: 1000 });
    await blue.getByRole('button', { name: 'Test now' }).click();
    await expect.poll(() => blue.locator('.probe-test[role=status]').textContent()).toMatch(/^OK: 200 in \d+ ms$/);
  });

  it('profiles: create one in the form (inline errors first), switch to it, traffic goes to its backends', async () => {
    await tab('Profiles').click();
    expect(await page.getByRole('listitem', { name: 'profile Local' }).locator('.badge-active').count()).toBe(1);
    await page.getByRole('button', { name: 'New profile' }).click();
    const form = page.getByRole('form', { name: 'New profile' });
    await form.getByLabel('Profile name').fill('Staging');
    await form.getByLabel('Listen address').fill('127.0.0.1:0');
    const rows = form.getByRole('group', { name: /^Environment \d$/ });
    for (const [index, [name, weight]] of [['stable', '60'], ['canary', '60']].entries()) {
      const row = rows.nth(index);
      await row.getByLabel('Name').fill(name!);
      await row.getByLabel('URL').fill(backends[name!]!.url);
      await row.getByLabel('Weight').fill(weight!);
    }
    await form.getByRole('button', { name: 'Create profile' }).click();
    await expect.poll(() => form.getByRole('alert').textContent()).toBe('weights must sum to 100, got 120');
    await rows.nth(1).getByLabel('Weight').fill('40');
    await form.getByRole('button', { name: 'Create profile' }).click();
    const staging = page.getByRole('listitem', { name: 'profile Staging' });
    await expect.poll(() => staging.count()).toBe(1);
    expect(await form.count()).toBe(0);

    await staging.getByRole('button', { name: 'Switch to' }).click();
    await expect.poll(() => page.locator('.topbar-profile strong').textContent()).toBe('Staging');
    const hits = backends.stable!.hits + backends.canary!.hits;
    expect(tally(await servedBy(await proxyUrl(), 10))).toEqual({ stable: 6, canary: 4 });
    expect(backends.stable!.hits + backends.canary!.hits - hits).toBe(10);

    // Duplicate, edit (rename) and delete a copy.
    await staging.getByRole('button', { name: 'Duplicate' }).click();
    await staging.getByLabel('Name of the copy').fill('Spare');
    await staging.getByRole('button', { name: 'Duplicate' }).last().click();
    const spare = page.getByRole('listitem', { name: 'profile Spare' });
    await expect.poll(() => spare.count()).toBe(1);
    await spare.getByRole('button', { name: 'Edit' }).click();
    const edit = page.getByRole('form', { name: 'Edit profile Spare' });
    await edit.getByLabel('Profile name').fill('Spare 2');
    await edit.getByRole('button', { name: 'Save profile' }).click();
    const renamed = page.getByRole('listitem', { name: 'profile Spare 2' });
    await expect.poll(() => renamed.count()).toBe(1);
    await renamed.getByRole('button', { name: 'Delete' }).click();
    await renamed.getByRole('button', { name: 'Really delete' }).click();
    await expect.poll(() => renamed.count()).toBe(0);

    // Export downloads a file the shared schema reads; a foreign file is refused inline.
    const downloading = page.waitForEvent('download');
    await page.getByRole('button', { name: 'Export all profiles' }).click();
    const exported = JSON.parse(fs.readFileSync((await (await downloading).path())!, 'utf8')) as { profiles: { name: string }[] };
    expect(exported.profiles.map((profile) => profile.name).sort()).toEqual(['Local', 'Staging']);
    await page.getByLabel('Import profiles from a file').setInputFiles({ name: 'other.json', mimeType: 'application/json', buffer: Buffer.from('{"format":"nope"}') });
    await expect.poll(() => page.locator('.import-export .alert').textContent()).toMatch(/^other\.json: format: must be "turnout-profiles"/);

    await page.getByRole('listitem', { name: 'profile Local' }).getByRole('button', { name: 'Switch to' }).click();
    await expect.poll(() => page.locator('.topbar-profile strong').textContent()).toBe('Local');
    expect(tally(await servedBy(await proxyUrl(), 10))).toEqual({ blue: 5, green: 5 });
  });

  it('history: entries with source and before → after arrive live; Undo restores the ratio (real traffic)', async () => {
    await tab('History').click();
    await expect.poll(() => page.locator('.history-entry').count()).toBeGreaterThan(5);
    const cli = await runCli(['ratio', '30:70', '--admin', serve.adminUrl, '--token', token], env);
    expect(cli.code).toBe(0);
    const newest = page.locator('.history-entry').first();
    await expect.poll(() => newest.locator('.source').textContent()).toBe('CLI');
    expect(await newest.locator('.history-change').textContent()).toBe('50 … 50 → 30 … 70');

    await admin().applyPreset({ name: '100:0' });
    await expect.poll(() => newest.locator('.history-change').textContent()).toBe('30 … 70 → 100 … 0');
    expect(tally(await servedBy(serve.proxyUrl, 10))).toEqual({ blue: 10 });
    await page.getByRole('button', { name: 'Undo last ratio change' }).click();
    await expect.poll(async () => (await admin().getState({})).environments.map((item) => item.weight)).toEqual([30, 70]);
    expect(tally(await servedBy(serve.proxyUrl, 10))).toEqual({ blue: 3, green: 7 });
    await expect.poll(() => newest.locator('.history-what strong').textContent()).toBe('undo');

    // Paging: more changes than a page (20) holds on their own; opening the view again loads
    // the newest page, and the older ones come on request.
    for (let step = 0; step < 24; step++) await admin().setRatio({ weights: { blue: 40 + (step % 2) * 10, green: 60 - (step % 2) * 10 } });
    await tab('Overview').click();
    await tab('History').click();
    await expect.poll(() => page.locator('.history-entry').count()).toBe(20);
    await page.getByRole('button', { name: 'Show older changes' }).click();
    await expect.poll(() => page.locator('.history-entry').count()).toBeGreaterThan(20);
    expect(await admin().getState({}).then((state) => state.environments.map((item) => item.weight))).toEqual([50, 50]);
  });

  it('screenshots for the README, light and dark, and no errors in the console', async () => {
    if (SCREENSHOTS) {
      fs.mkdirSync(SCREENSHOTS, { recursive: true });
      await admin().setRatio({ weights: { blue: 70, green: 30 } });
      const load = backgroundTraffic(serve.proxyUrl);
      try {
        await tab('Overview').click();
        await page.waitForTimeout(4_000);
        for (const scheme of ['light', 'dark'] as const) {
          await page.emulateMedia({ colorScheme: scheme });
          await tab('Overview').click();
          await page.waitForTimeout(1_200);
          await page.screenshot({ path: path.join(SCREENSHOTS, `overview-${scheme}.png`), fullPage: true });
          await tab('Environments').click();
          await page.waitForTimeout(300);
          await page.screenshot({ path: path.join(SCREENSHOTS, `environments-${scheme}.png`), fullPage: true });
        }
        await tab('History').click();
        await page.screenshot({ path: path.join(SCREENSHOTS, 'history-dark.png') });
        await tab('Profiles').click();
        await page.emulateMedia({ colorScheme: 'light' });
        await page.screenshot({ path: path.join(SCREENSHOTS, 'profiles-light.png') });
      } finally {
        await load.stop();
        await admin().setRatio({ weights: { blue: 50, green: 50 } });
      }
    }
    expect(problems).toEqual([]);
  });
});
