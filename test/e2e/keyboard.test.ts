import { describe, expect, it } from 'vitest';
import { formatAxe, runAxe } from '../support/axe';
import { usePanelInChromium } from '../support/panel-in-chromium';

/**
 * The panel from the keyboard alone, with what a screen reader hears, and the presenter's
 * tools: preset digits, the shortcuts help, the presenter view. `turnout serve` with real
 * backends in Chromium.
 */
describe('keyboard, announcements and presenting: turnout serve + the built renderer in Chromium', () => {
    // bypassCSP only so the test can inject axe-core as an inline script.
  const ui = usePanelInChromium('turnout-e2e-keys-', { backends: ['blue', 'green'], page: { bypassCSP: true, reducedMotion: 'reduce' } });
  const { problems } = ui;

  const weights = async () => Object.fromEntries((await ui.served.admin().getState({})).environments.map((env) => [env.name, env.weight]));
  const focusedOutline = () => ui.page.evaluate(() => getComputedStyle(document.activeElement!).outlineStyle);
  const insideDialog = () => ui.page.evaluate(() => document.activeElement?.closest('dialog[open]') !== null);
  const announced = () => ui.page.getByTestId('announcer').textContent();
  /** Leaves focus on the page itself, as after a click on empty space. */
  const blur = () => ui.page.evaluate(() => (document.activeElement as HTMLElement | null)?.blur());

  it('slider: arrows, Page Up/Down, Home/End move the draft; Apply by Enter moves the ratio; focus is visible', async () => {
    const slider = ui.page.getByRole('slider', { name: 'Traffic ratio' });
    await slider.focus();
    expect(await focusedOutline()).not.toBe('none');
    const steps: [string, string][] = [['ArrowRight', '51'], ['ArrowLeft', '50'], ['PageUp', '60'], ['PageDown', '50'], ['Home', '0'], ['End', '100'], ['ArrowDown', '99']];
    for (const [key, value] of steps) {
      await ui.page.keyboard.press(key);
      expect(await slider.inputValue(), key).toBe(value);
    }
    await ui.page.keyboard.press('Tab');
    expect(await ui.page.evaluate(() => document.activeElement?.textContent)).toBe('Apply');
    expect(await focusedOutline()).not.toBe('none');
    await ui.page.keyboard.press('Enter');
    await expect.poll(weights).toEqual({ blue: 99, green: 1 });
  });

  it('presets: digits apply them by position (not while typing); the buttons show the key', async () => {
    await blur();
    await ui.page.keyboard.press('1');
    await expect.poll(weights).toEqual({ blue: 100, green: 0 });
    // Like the buttons, the keys wait while a command runs: the next one goes once the panel has the answer.
    await ui.page.locator('.preset-current:not([disabled])').waitFor();
    await ui.page.keyboard.press('3');
    await expect.poll(weights).toEqual({ blue: 50, green: 50 });
    expect(await ui.page.getByRole('button', { name: '75:25', exact: true }).getAttribute('aria-keyshortcuts')).toBe('2');
    // In a text field a digit is text.
    await ui.page.getByRole('button', { name: 'Start an update…' }).click();
    await ui.page.getByLabel('Smoke request path (optional)').press('2');
    expect(await weights()).toEqual({ blue: 50, green: 50 });
    await ui.page.getByRole('button', { name: 'Cancel' }).click();
  });

  it('dialogs: the shortcuts help and Export keep Tab inside, close on Escape, pass axe', async () => {
    await blur();
    await ui.page.keyboard.press('?');
    const help = ui.page.getByRole('dialog', { name: 'Keyboard shortcuts' });
    await help.waitFor();
    expect(await help.locator('dt').allTextContents()).toEqual(['1 … 9', 'P', 'Esc', '?', '← → / PgUp PgDn / Home End']);
    for (let i = 0; i < 4; i++) {
      await ui.page.keyboard.press('Tab');
      expect(await insideDialog()).toBe(true);
    }
    console.log(formatAxe('Shortcuts help', await runAxe(ui.page)));
    expect((await runAxe(ui.page)).violations).toEqual([]);
    await ui.page.keyboard.press('Escape');
    await expect.poll(() => help.count()).toBe(0);

    await ui.page.getByRole('button', { name: 'Export config' }).focus();
    await ui.page.keyboard.press('Enter');
    const exporting = ui.page.getByRole('dialog', { name: /^Export .* as configuration$/ });
    await exporting.waitFor();
    for (let i = 0; i < 12; i++) {
      await ui.page.keyboard.press(i % 3 === 2 ? 'Shift+Tab' : 'Tab');
      expect(await insideDialog(), `after Tab ${i + 1}`).toBe(true);
      expect(await focusedOutline()).not.toBe('none');
    }
    await ui.page.keyboard.press('Escape');
    await expect.poll(() => exporting.count()).toBe(0);
  });

  it('update: Continue and Abort by keyboard; "waiting for you" is announced once, not per tick', async () => {
    await ui.page.getByRole('button', { name: 'Start an update…' }).click();
    await ui.page.getByRole('button', { name: 'Start: Blue first' }).focus();
    await ui.page.keyboard.press('Enter');
    await expect.poll(announced, { timeout: 20_000 }).toBe('Update waiting for you: Blue is drained: safe to update');
    // Metrics and state ticks go on; the live region stays as it is.
    await ui.page.evaluate(() => {
      const w = window as unknown as { __spoken: number };
      w.__spoken = 0;
      new MutationObserver(() => w.__spoken++).observe(document.querySelector('[data-testid=announcer]')!, { subtree: true, childList: true, characterData: true });
    });
    await ui.page.waitForTimeout(2_500);
    expect(await ui.page.evaluate(() => (window as unknown as { __spoken: number }).__spoken)).toBe(0);

    await ui.page.getByRole('button', { name: 'Blue is updated: continue' }).focus();
    expect(await focusedOutline()).not.toBe('none');
    await ui.page.keyboard.press('Enter');
    await expect.poll(() => ui.page.locator('.flow-step-active .flow-step-label').textContent()).not.toBe('Update blue');
    await ui.page.getByRole('button', { name: 'Abort' }).focus();
    await ui.page.keyboard.press('Enter');
    await expect.poll(async () => (await ui.served.admin().getState({})).flow?.status).toBe('aborted');
    await expect.poll(() => ui.page.getByRole('status').filter({ hasText: 'Update aborted' }).count()).toBeGreaterThan(0);
  });

  it('presenter view: P opens it, the ratio is large, digits still apply presets, Escape leaves; axe-clean in both themes', async () => {
    await blur();
    await ui.page.keyboard.press('p');
    const presenter = ui.page.getByRole('region', { name: 'Presenter view' });
    await presenter.waitFor();
    expect(await ui.page.getByRole('tablist').count()).toBe(0);
    expect(await presenter.getByRole('figure', { name: /^Traffic topology/ }).count()).toBe(1);
    const size = await presenter.locator('.presenter-ratio').evaluate((element) => parseFloat(getComputedStyle(element).fontSize));
    expect(size).toBeGreaterThanOrEqual(40);
    await ui.page.keyboard.press('2');
    await expect.poll(() => presenter.locator('[data-env="blue"] .presenter-weight').textContent()).toBe('75 %');
    expect(await weights()).toEqual({ blue: 75, green: 25 });
    for (const theme of ['light', 'dark'] as const) {
      await ui.page.emulateMedia({ colorScheme: theme });
      const summary = await runAxe(ui.page);
      console.log(formatAxe(`Presenter view, ${theme}`, summary));
      expect(summary.violations).toEqual([]);
    }
    await ui.page.keyboard.press('Escape');
    await expect.poll(() => presenter.count()).toBe(0);
    expect(await ui.page.getByRole('tablist').count()).toBe(1);
  });

  it('an environment going down is announced once', async () => {
    await ui.served.backends.green!.close();
    await expect.poll(announced, { timeout: 10_000 }).toBe('Green is down');
    expect(problems).toEqual([]);
  });
});
