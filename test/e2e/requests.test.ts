import { describe, expect, it } from 'vitest';
import { usePanelInChromium } from '../support/panel-in-chromium';

/**
 * The Requests view in real Chromium against `turnout serve`: requests sent through the proxy
 * appear live, the list stays virtualized (a few dozen rows in the DOM for thousands of
 * records), filters narrow it, pause holds it still, and the detail pane shows a request with
 * its credentials redacted.
 */
describe('Requests view in Chromium', () => {
  const ui = usePanelInChromium('turnout-e2e-requests-', { backends: ['blue', 'green'], page: { viewport: { width: 1280, height: 900 } } });
  const { problems } = ui;

  const proxied = (path: string, headers: Record<string, string> = {}) => fetch(`${ui.served.serve.proxyUrl}${path}`, { headers }).then((response) => response.text());
  const rows = () => ui.page.locator('.request-row');

  it('shows requests as they arrive, virtualized, filtered, paused, and one in detail', async () => {
    await ui.page.getByRole('tab', { name: 'Requests' }).click();
    await proxied('/first?x=1', { authorization: 'Bearer e2e-secret' });
    await expect.poll(() => ui.page.locator('.request-url', { hasText: '/first?x=1' }).count(), { timeout: 10_000 }).toBe(1);

    // 2,000 more, in parallel batches: the list shows them all but keeps only the visible rows in the DOM.
    for (let batch = 0; batch < 20; batch++) await Promise.all(Array.from({ length: 100 }, (_, i) => proxied(`/bulk/${batch * 100 + i}`)));
    await expect.poll(() => ui.page.getByText(/\d+ shown of 2001/).count(), { timeout: 15_000 }).toBe(1);
    expect(await rows().count()).toBeLessThan(80);

    // Filters: environment and path text.
    await ui.page.getByLabel('Path contains').fill('/bulk/199');
    await expect.poll(() => rows().count()).toBe(11);
    await ui.page.getByLabel('Environment').selectOption('green');
    const greens = await ui.page.locator('.request-env').allTextContents();
    expect(greens.length).toBeGreaterThan(0);
    expect(new Set(greens)).toEqual(new Set(['green']));
    await ui.page.getByLabel('Environment').selectOption('');
    await ui.page.getByLabel('Path contains').fill('');

    // Pause: new requests are counted, not shown, until resumed.
    await ui.page.getByRole('button', { name: 'Pause list' }).click();
    await proxied('/while-paused');
    await expect.poll(() => ui.page.getByText('Paused · 1 new not shown').count(), { timeout: 10_000 }).toBe(1);
    expect(await ui.page.locator('.request-url', { hasText: '/while-paused' }).count()).toBe(0);
    await ui.page.getByRole('button', { name: 'Resume list' }).click();
    await expect.poll(() => ui.page.locator('.request-url', { hasText: '/while-paused' }).count(), { timeout: 10_000 }).toBe(1);

    // Detail: the first request, its Authorization redacted, its X-Request-Id shown.
    await ui.page.getByLabel('Path contains').fill('/first');
    await ui.page.locator('.request-row').first().click();
    const detail = ui.page.getByRole('complementary', { name: 'Request detail' });
    await expect.poll(() => detail.getByText('GET /first?x=1').count()).toBe(1);
    const authorization = detail.getByRole('table', { name: 'Request headers' }).locator('tr', { hasText: 'authorization' });
    expect(await authorization.locator('td').textContent()).toBe('[redacted]');
    expect(await detail.getByText('e2e-secret').count()).toBe(0);
    expect(await detail.locator('code').textContent()).toMatch(/^[0-9a-f]{10}-[0-9a-z]+$/);

    // Replay on the other colour: a GET goes at once; the two backends answer their own names.
    await detail.getByRole('button', { name: /^Replay on (blue|green)$/ }).click();
    const replayed = detail.getByLabel('Replay result');
    await expect.poll(() => replayed.getByText('Bodies differ (text).').count(), { timeout: 10_000 }).toBe(1);
    expect(await replayed.locator('pre').textContent()).toMatch(/-(blue|green)\n\+(green|blue)/);
    expect(problems).toEqual([]);
  });
});
