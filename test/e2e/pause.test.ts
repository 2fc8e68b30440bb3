import { describe, expect, it } from 'vitest';
import { usePanelInChromium } from '../support/panel-in-chromium';

/**
 * Pausing from the panel, against `turnout serve` in Chromium: a hold keeps real requests
 * waiting (the header counts them) until Resume; a stop answers a browser with the
 * maintenance page and an API client with JSON; a guided update's held step shows in the
 * flow view how many requests it holds while its command runs.
 */
describe('pause modes and the held step in the panel: turnout serve + the built renderer in Chromium', () => {
  const ui = usePanelInChromium('turnout-e2e-pause-', { backends: ['blue', 'green'], quickProbes: true });
  const { problems } = ui;

  const admin = () => ui.served.admin();
  const hits = () => ui.served.backends.blue!.hits + ui.served.backends.green!.hits;
  const header = () => ui.page.getByRole('banner');
  /** A real request through the proxy, its outcome kept (it may wait a while). */
  const request = () => fetch(ui.served.serve.proxyUrl).then(async (response) => ({ status: response.status, body: await response.text() }));

  it('Hold: requests wait (the header counts them, no backend sees them), Resume answers each', async () => {
    await header().getByRole('combobox', { name: 'How to pause' }).selectOption({ label: 'Hold requests' });
    await header().getByRole('button', { name: 'Pause proxy' }).click();
    const badge = header().getByRole('status').filter({ hasText: /^Holding/ });
    await expect.poll(() => badge.textContent(), { timeout: 5000 }).toBe('Holding 0');
    const before = hits();
    const waiting = Array.from({ length: 5 }, request);
    await expect.poll(() => badge.textContent(), { timeout: 5000 }).toMatch(/^Holding 5 · oldest since /);
    expect(hits()).toBe(before);

    await header().getByRole('button', { name: 'Resume proxy' }).click();
    const answers = await Promise.all(waiting);
    expect(answers.map((answer) => answer.status)).toEqual([200, 200, 200, 200, 200]);
    expect(answers.every((answer) => ['blue', 'green'].includes(answer.body))).toBe(true);
    expect(hits()).toBe(before + 5);
    await expect.poll(() => badge.count()).toBe(0);
    expect((await admin().getState({})).pause).toBeNull();
  });

  it('Maintenance page: a browser gets the HTML page, Accept: application/json gets JSON, both 503 + Retry-After', async () => {
    await header().getByRole('combobox', { name: 'How to pause' }).selectOption({ label: 'Maintenance page' });
    await header().getByRole('button', { name: 'Pause proxy' }).click();
    await expect.poll(() => header().getByText('Maintenance', { exact: true }).count()).toBe(1);

    const visitor = await ui.browser.newPage();
    try {
      const response = await visitor.goto(ui.served.serve.proxyUrl);
      expect(response!.status()).toBe(503);
      expect(response!.headers()['content-type']).toMatch(/^text\/html/);
      expect(Number(response!.headers()['retry-after'])).toBeGreaterThan(0);
      expect(await visitor.locator('h1').textContent()).toBe('Down for maintenance');
      expect(await visitor.locator('p').textContent()).toBe('Down for maintenance: back shortly.');
      // The same browser asking for JSON (an app's API call from that origin) gets JSON.
      const api = await visitor.evaluate(async () => {
        const answer = await fetch('/api/orders', { headers: { accept: 'application/json' } });
        return { status: answer.status, type: answer.headers.get('content-type'), body: (await answer.json()) as unknown };
      });
      expect(api).toMatchObject({ status: 503, type: expect.stringMatching(/^application\/json/), body: { error: 'maintenance', message: 'Down for maintenance: back shortly.' } });

      await header().getByRole('button', { name: 'Resume proxy' }).click();
      await expect.poll(async () => (await admin().getState({})).pause).toBeNull();
      const after = await visitor.goto(ui.served.serve.proxyUrl);
      expect([after!.status(), ['blue', 'green'].includes(await visitor.locator('body').textContent() ?? '')]).toEqual([200, true]);
    } finally {
      await visitor.close();
    }
  });

  it('a guided update with a held step, started in the form: the flow view says how many requests it holds while the command runs', async () => {
    const panel = ui.page.getByRole('region', { name: 'Guided update' });
    await panel.getByRole('button', { name: 'Start an update…' }).click();
    const form = ui.page.getByRole('form', { name: 'Start an update' });
    await form.getByRole('radio', { name: 'Blue', exact: true }).check();
    await form.getByLabel('Held step limit (s)').fill('soon');
    await form.getByLabel('Hold traffic while this command runs (optional)').fill('sleep 4');
    expect(await form.locator('.field-error').textContent()).toBe('Held step timeout must be 1 to 595 seconds');
    expect(await form.getByRole('button', { name: 'Start: Blue first' }).isDisabled()).toBe(true);
    await form.getByLabel('Held step limit (s)').fill('30');
    await form.getByRole('button', { name: 'Start: Blue first' }).click();
    const steps = panel.getByRole('list', { name: 'Update steps' }).getByRole('listitem');
    await expect.poll(() => steps.nth(3).textContent(), { timeout: 10_000 }).toBe('○Hold traffic and run "sleep 4"To do');
    await admin().updateNext({ manual: false });
    await expect.poll(() => panel.locator('.flow-headline').textContent(), { timeout: 10_000 }).toBe('Traffic held (holding 0 requests) while the command runs');
    const waiting = Array.from({ length: 4 }, request);
    await expect.poll(() => panel.locator('.flow-headline').textContent(), { timeout: 5000 }).toBe('Traffic held (holding 4 requests) while the command runs');
    expect(await panel.locator('.flow-detail').textContent()).toBe('holding 4 requests while "sleep 4" runs');
    // After the command, the swap comes first: the held requests all go to blue.
    const answers = await Promise.all(waiting);
    expect(answers).toEqual(Array.from({ length: 4 }, () => ({ status: 200, body: 'blue' })));
    await expect.poll(() => steps.nth(3).textContent(), { timeout: 5000 }).toBe('✓Hold traffic and run "sleep 4"Done');
    expect((await admin().getUpdate({}))!.steps[3]).toMatchObject({ kind: 'held', state: 'done' });
    await admin().updateAbort({});
    expect(problems).toEqual([]);
  });
});
