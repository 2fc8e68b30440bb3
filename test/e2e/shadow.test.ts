import { describe, expect, it } from 'vitest';
import { usePanelInChromium } from '../support/panel-in-chromium';

/**
 * The Shadow section of the Requests view in real Chromium against `turnout serve` (50:50 in
 * front of two backends that answer their own names): start a shadow to green, see the route's
 * mismatch rate and p99s, open an example pair's request in the inspector, stop.
 */
describe('Shadow compare in Chromium', () => {
  const ui = usePanelInChromium('turnout-e2e-shadow-', { backends: ['blue', 'green'], page: { viewport: { width: 1280, height: 900 } } });
  const { problems } = ui;

  it('starts a shadow, shows mismatches per route as the server pushes them (no polling), links an example to its request, stops', async () => {
    // Every shadowStatus call the page makes: the section asks once when opened, then only listens.
    let statusCalls = 0;
    ui.page.on('request', (request) => {
      if (new URL(request.url()).pathname.endsWith('/shadowStatus')) statusCalls++;
    });
    await ui.page.getByRole('tab', { name: 'Requests' }).click();
    await ui.page.getByText('Shadow compare').click();
    await ui.page.getByLabel('Shadow to').selectOption('green');
    await ui.page.getByLabel('Percent').fill('100');
    await ui.page.getByRole('button', { name: 'Start shadow' }).click();
    await expect.poll(() => ui.page.getByText('Shadow compare · on, 100 % to green').count(), { timeout: 10_000 }).toBe(1);
    await expect.poll(() => statusCalls, { timeout: 10_000 }).toBe(1);

    // Half go to blue (50:50): their copies go to blue and green again and differ (each answers its name).
    for (let i = 0; i < 10; i++) await fetch(`${ui.served.serve.proxyUrl}/e2e-shadow/${i}`).then((response) => response.text());
    const table = ui.page.getByRole('table', { name: 'Shadow results per route' });
    const row = table.locator('tr', { hasText: 'GET /e2e-shadow/:id' });
    await expect.poll(() => row.count(), { timeout: 15_000 }).toBe(1);
    await expect.poll(() => row.locator('td').nth(1).textContent(), { timeout: 10_000 }).toBe('100.0 %');
    expect(await row.locator('td').nth(2).textContent()).toMatch(/^[\d.]+ ms$/);
    expect(await row.locator('td').nth(3).textContent()).toMatch(/^[\d.]+ ms$/);
    // The sampled half (served by blue) all compared, pushed by the `shadow` event: the page asked nothing more.
    await expect.poll(() => ui.page.getByText(/^On: sampled ([1-9]\d*), compared \1, dropped 0 \(queue full\)$/).count(), { timeout: 10_000 }).toBe(1);
    // Longer than any poll would wait (the panel used to ask every second): still the one call.
    await new Promise((resolve) => setTimeout(resolve, 1500));
    expect(statusCalls).toBe(1);

    const example = row.getByRole('button').first();
    const seq = /^#(\d+)/.exec((await example.textContent()) ?? '')![1]!;
    expect(await example.textContent()).toContain('body (text) differs');
    await example.click();
    const detail = ui.page.getByRole('complementary', { name: 'Request detail' });
    // The pane shows the very request the example names (the server's record #seq).
    const record = await ui.served.admin().getRequest({ seq: Number(seq) });
    await expect.poll(() => detail.getByText(`GET ${record.url}`, { exact: true }).count(), { timeout: 10_000 }).toBe(1);
    expect(await detail.getByText('blue (ratio)').count()).toBe(1);

    await ui.page.getByRole('button', { name: 'Stop shadow' }).click();
    await expect.poll(() => ui.page.getByText(/^Off: sampled \d+, compared \d+, dropped 0 \(queue full\)$/).count(), { timeout: 10_000 }).toBe(1);
    expect(problems).toEqual([]);
  });
});
