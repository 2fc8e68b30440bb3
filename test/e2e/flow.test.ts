import fs from 'node:fs';
import { describe, expect, it } from 'vitest';
import { servedBy, startBackend, tally } from '../support/backends';
import { startSteadyLoad } from '../support/steady-load';
import { usePanelInChromium } from '../support/panel-in-chromium';

/**
 * The guided blue-green update clicked through in Chromium against `turnout serve`, with
 * real backends that are really stopped and started again on their port while a steady
 * load runs through the proxy; then the export view on the same page.
 */
describe('update flow panel and export view: turnout serve + the built renderer in Chromium', () => {
  const ui = usePanelInChromium('turnout-e2e-flow-', { backends: ['blue', 'green'], quickProbes: true, page: { acceptDownloads: true, permissions: ['clipboard-read', 'clipboard-write'] } });
  const { problems } = ui;

  const admin = () => ui.served.admin();
  const health = async (name: string): Promise<string> => (await admin().getState({})).environments.find((env) => env.name === name)!.health;
  const headline = () => ui.page.locator('.flow-headline').textContent();
  const share = (name: string) => ui.page.locator(`.topology [data-env="${name}"] .topo-share`).textContent();

  /** A redeploy: the backend stops (health sees it down), then comes back on the same port. */
  async function redeploy(name: string): Promise<void> {
    const port = Number(new URL(ui.served.backends[name]!.url).port);
    await ui.served.backends[name]!.close();
    await expect.poll(() => health(name), { timeout: 5_000 }).toBe('down');
    ui.served.backends[name] = await startBackend(name, undefined, port);
  }

  it('clicks through blue-green under steady load: drain, redeploy, continue, verify, swap, restore; no failed request', async () => {
    const started = Date.now();
    const load = startSteadyLoad(ui.served.serve.proxyUrl, 4, 45_000);
    try {
      const panel = ui.page.getByRole('region', { name: 'Guided update' });
      await panel.getByRole('button', { name: 'Start an update…' }).click();
      const form = ui.page.getByRole('form', { name: 'Start an update' });
      await form.getByRole('radio', { name: 'Blue', exact: true }).check();
      expect(await form.getByRole('radio', { name: /^Blue-green/ }).isChecked()).toBe(true);
      await form.getByRole('button', { name: 'Start: Blue first' }).click();

      // Blue drains to 0 … 100 and the panel says it is safe to update.
      await expect.poll(headline, { timeout: 10_000 }).toBe('Blue is drained: safe to update');
      await expect.poll(() => share('blue')).toBe('0 %');
      const steps = panel.getByRole('list', { name: 'Update steps' }).getByRole('listitem');
      expect(await steps.allTextContents()).toEqual([
        '✓Drain blue0 … 100Done',
        '▶Update blueNow',
        '○Verify blueTo do',
        '○Swap: all traffic to blue100 … 0To do',
        '○Drain greenTo do',
        '○Update greenTo do',
        '○Verify greenTo do',
        '○Restore the original ratio50 … 50To do',
      ]);
      expect(await steps.nth(1).getAttribute('aria-current')).toBe('step');
      expect(await panel.getByText('Abort goes back to 0 … 100').count()).toBe(1);

      await redeploy('blue');
      // Keyboard: focus the button and press Enter, as a person without a mouse would.
      const continueBlue = panel.getByRole('button', { name: 'Blue is updated: continue' });
      await continueBlue.focus();
      await ui.page.keyboard.press('Enter');

      // Verify blue (fresh good probes), the swap to 100 … 0, then green drains.
      await expect.poll(headline, { timeout: 10_000 }).toBe('Green is drained: safe to update');
      await expect.poll(() => share('blue')).toBe('100 %');
      expect(tally(await servedBy(ui.served.serve.proxyUrl, 4))).toEqual({ blue: 4 });

      await redeploy('green');
      await panel.getByRole('button', { name: 'Green is updated: continue' }).click();
      await expect.poll(() => panel.locator('.flow-end').textContent(), { timeout: 10_000 }).toBe('Update finished: Blue first, ratio restored.');
      expect(await panel.locator('.flow-status').textContent()).toBe('Finished');
      const toast = ui.page.getByRole('status').filter({ hasText: 'Update finished: blue first, ratio restored' });
      await expect.poll(() => toast.count()).toBe(1);
      await toast.getByRole('button', { name: /^Dismiss/ }).click();
      await expect.poll(() => toast.count()).toBe(0);
    } finally {
      const result = await load.stop();
      console.log(`Blue-green flow clicked through in ${Date.now() - started} ms: ${result.ok} requests, ${result.failures.length} failed, served by ${JSON.stringify(result.servedBy)}`);
      expect(result.failures).toEqual([]);
      expect(result.ok).toBeGreaterThan(100);
    }
    // Restored: real traffic is 50/50 again, and each backend served some of the load.
    expect(tally(await servedBy(ui.served.serve.proxyUrl, 10))).toEqual({ blue: 5, green: 5 });
    expect(ui.served.backends.blue!.hits).toBeGreaterThan(0);
    expect(ui.served.backends.green!.hits).toBeGreaterThan(0);
    const state = await admin().getState({});
    expect([state.flow?.status, state.profile.restoreWeights]).toEqual(['done', null]);
  });

  it('export view: HAProxy text with the backend and its servers; Copy puts it on the clipboard', async () => {
    await ui.page.getByRole('button', { name: 'Export config' }).click();
    const dialog = ui.page.getByRole('dialog', { name: 'Export Local as configuration' });
    await dialog.getByRole('radio', { name: 'HAProxy' }).check();
    const text = dialog.getByLabel('HAProxy configuration');
    await expect.poll(() => text.textContent()).toMatch(/^backend /m);
    const config = (await text.textContent())!;
    for (const name of ['blue', 'green']) expect(config).toContain(`server ${name} 127.0.0.1:${new URL(ui.served.backends[name]!.url).port} weight 50`);
    await dialog.getByRole('button', { name: 'Copy' }).click();
    await expect.poll(() => dialog.getByRole('status').textContent()).toBe('Copied to the clipboard.');
    expect(await ui.page.evaluate(() => navigator.clipboard.readText())).toBe(config);

    const downloading = ui.page.waitForEvent('download');
    await dialog.getByRole('button', { name: /^Download/ }).click();
    const download = await downloading;
    expect(download.suggestedFilename()).toBe('turnout-local.haproxy.cfg');
    expect(fs.readFileSync((await download.path())!, 'utf8')).toBe(config);

    await ui.page.keyboard.press('Escape');
    await expect.poll(() => dialog.count()).toBe(0);
    expect(problems).toEqual([]);
  });
});
