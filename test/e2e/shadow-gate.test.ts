import type http from 'node:http';
import { describe, expect, it } from 'vitest';
import { formatAxe, runAxe } from '../support/axe';
import { startBackend } from '../support/backends';
import { usePanelInChromium } from '../support/panel-in-chromium';

/** A JSON API in two versions: `version` is the field an update changed on purpose. */
const api =
  (version: number): http.RequestListener =>
  (req, res) => {
    res.writeHead(200, { 'content-type': 'application/json' });
    res.end(JSON.stringify({ path: req.url, ok: true, version }));
  };

/**
 * The shadow gate set in the panel's Start form (real Chromium, `turnout serve` built, real
 * backends that are redeployed on their port as the update's "update" step): a new version
 * that answers differently fails the gate and the ratio goes back to the safe ratio; one that
 * answers the same passes it and the update goes on to the swap.
 */
describe('the shadow gate from the Start form in Chromium', () => {
    // bypassCSP: the panel's CSP rightly refuses inline scripts; axe comes in as one.
  const ui = usePanelInChromium('turnout-e2e-gate-', { backends: ['blue', 'green'], quickProbes: true, page: { viewport: { width: 1280, height: 1000 }, bypassCSP: true } });
  const { problems } = ui;

  const admin = () => ui.served.admin();
  const panel = () => ui.page.getByRole('region', { name: 'Guided update' });
  const headline = () => ui.page.locator('.flow-headline').textContent();
  const weights = async () => (await admin().getState({})).environments.map((env) => env.weight);

  /** A redeploy on the same port with another version: it stops (health sees it down), then comes back. */
  async function redeploy(name: string, handler: http.RequestListener): Promise<void> {
    const port = Number(new URL(ui.served.backends[name]!.url).port);
    await ui.served.backends[name]!.close();
    await expect.poll(async () => (await admin().getState({})).environments.find((env) => env.name === name)!.health, { timeout: 5_000 }).toBe('down');
    ui.served.backends[name] = await startBackend(name, handler, port);
  }

  /** Fills the form: Blue first, blue-green, the gate on with these values; Start. */
  async function startWithGate(requests: string, maxMismatch: string, maxP99: string): Promise<void> {
    await panel().getByRole('button', { name: 'Start an update…' }).click();
    const form = ui.page.getByRole('form', { name: 'Start an update' });
    await form.getByRole('radio', { name: 'Blue', exact: true }).check();
    // Off by default: no gate fields until it is turned on.
    const toggle = form.getByRole('checkbox', { name: 'Compare shadowed live requests before the swap' });
    expect([await toggle.isChecked(), await form.getByLabel('Requests to compare').count()]).toEqual([false, 0]);
    await toggle.check();
    // A bad value is refused as typed, with the shared schema's bound, and Start is disabled.
    await form.getByLabel('Requests to compare').fill('0');
    expect(await form.locator('.field-error').textContent()).toBe('Requests to compare must be at least 1');
    expect(await form.getByRole('button', { name: 'Start: Blue first' }).isDisabled()).toBe(true);
    // The gate's fields, error shown, are as accessible as the rest of the panel (WCAG A/AA).
    const axe = await runAxe(ui.page);
    expect(axe.violations, formatAxe('Start form with the shadow gate', axe)).toEqual([]);
    await form.getByLabel('Requests to compare').fill(requests);
    await form.getByLabel('Max mismatch (%)').fill(maxMismatch);
    await form.getByLabel('Max p99 (ms, optional)').fill(maxP99);
    await form.getByLabel('Gate timeout (s)').fill('60');
    expect(await form.locator('.field-error').count()).toBe(0);
    expect(await form.getByText(/^Copies 100 % of live GET\/HEAD requests to Blue/).count()).toBe(1);
    await form.getByRole('button', { name: 'Start: Blue first' }).click();
    await expect.poll(headline, { timeout: 10_000 }).toBe('Blue is drained: safe to update');
  }

  /** Through the update step into the gate: the panel says so and counts the pairs as live traffic comes. */
  async function intoTheGate(requests: number): Promise<void> {
    await panel().getByRole('button', { name: 'Blue is updated: continue' }).click();
    await expect.poll(headline, { timeout: 10_000 }).toBe('Verifying Blue: comparing shadowed live requests (the shadow gate)');
    for (let i = 0; i < 5; i++) await fetch(`${ui.served.serve.proxyUrl}/api/items/${i}`).then((response) => response.text());
    const detail = panel().locator('.flow-wait .flow-detail');
    await expect.poll(() => detail.textContent(), { timeout: 10_000 }).toMatch(new RegExp(`^blue: shadow gate, [1-5] of ${requests} requests compared, \\d+ differ so far$`));
    expect(await panel().locator('.flow-countdown').textContent()).toMatch(/^Gives up in (\d+ s|\d+:\d\d)$/);
    // More live traffic (all on green) until the gate decides.
    let sent = 5;
    while ((await admin().getUpdate({}))?.waitingFor?.kind === 'shadow' && sent < 400) {
      await fetch(`${ui.served.serve.proxyUrl}/api/items/${sent++}`).then((response) => response.text());
    }
  }

  it('an updated side that answers differently fails the gate: back to the safe ratio, the reason shown', async () => {
    await redeploy('green', api(1));
    await startWithGate('20', '5', '');
    await redeploy('blue', api(2));
    await intoTheGate(20);

    const end = panel().locator('.flow-end');
    await expect.poll(() => end.textContent(), { timeout: 10_000 }).toMatch(/^Update failed: shadow gate: \d+ of \d+ differ \(100\.0 %\), p99 [\d.]+ ms; at most 5\.0 % may differ$/);
    expect(await panel().locator('.flow-status').textContent()).toBe('Failed');
    expect(await weights()).toEqual([0, 100]);
    const toast = ui.page.getByRole('status').filter({ hasText: /Update failed: shadow gate: / });
    await expect.poll(() => toast.count()).toBe(1);
    await toast.getByRole('button', { name: /^Dismiss/ }).click();
    // Only green answers clients: the failed version never took a request but the copies.
    for (let i = 0; i < 4; i++) expect(JSON.parse(await (await fetch(`${ui.served.serve.proxyUrl}/after`)).text())).toEqual({ path: '/after', ok: true, version: 1 });
    expect((await admin().shadowStatus({})).active).toBe(false);
  });

  it('an updated side that answers the same passes the gate and the update goes on to the swap', async () => {
    await redeploy('green', api(1));
    await admin().setRatio({ weights: { blue: 50, green: 50 } });
    await startWithGate('20', '0', '2000');
    await redeploy('blue', api(1));
    await intoTheGate(20);

    // Passed: a notice with the figures, verify done, the swap made, green draining next.
    const passed = ui.page.getByRole('status').filter({ hasText: /Shadow gate passed for blue: 0 of \d+ differ \(0\.0 %\), p99 [\d.]+ ms/ });
    await expect.poll(() => passed.count(), { timeout: 10_000 }).toBe(1);
    // Dismissed as a person would: the toast sits over the flow panel's buttons on this viewport.
    await passed.getByRole('button', { name: /^Dismiss/ }).click({ timeout: 10_000 });
    await expect.poll(headline, { timeout: 10_000 }).toBe('Green is drained: safe to update');
    const steps = panel().getByRole('list', { name: 'Update steps' }).getByRole('listitem');
    expect((await steps.allTextContents()).slice(0, 4)).toEqual(['✓Drain blue0 … 100Done', '✓Update blueDone', '✓Verify blue, then shadow-compare 20 requestsDone', '✓Swap: all traffic to blue100 … 0Done']);
    expect(await weights()).toEqual([100, 0]);
    await panel().getByRole('button', { name: 'Green is updated: continue' }).click({ timeout: 10_000 });
    await expect.poll(() => panel().locator('.flow-end').textContent(), { timeout: 10_000 }).toBe('Update finished: Blue first, ratio restored.');
    expect(await weights()).toEqual([50, 50]);
    expect(problems).toEqual([]);
  });
});
