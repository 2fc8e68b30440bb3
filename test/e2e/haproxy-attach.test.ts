import crypto from 'node:crypto';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { serversState, startAttachedHaproxy, startTunnel, type AttachedHaproxy, type Tunnel } from '../support/attached-haproxy';
import { servedBy, startBackend, tally, type Backend } from '../support/backends';
import { launchChromium, openPanel } from '../support/browser';
import { hasHaproxy } from '../support/external-tools';
import { makeTempDir } from '../support/temp-dir';
import { startServe, type ServeProcess } from '../support/turnout-process';

/**
 * The panel creates a profile that steers an HAProxy Turnout did not start (its config
 * written by this test), switches to it, moves its traffic with a preset, and says so when
 * the runtime socket goes away (through a TCP relay, as an SSH tunnel would carry it).
 */
describe.skipIf(!hasHaproxy)('panel: a profile steering an attached HAProxy, in Chromium (haproxy not installed: apt-get install haproxy)', () => {
  const token = `e2e-${crypto.randomBytes(12).toString('hex')}`;
  const temp = makeTempDir('turnout-e2e-attach-');
  const backends: Record<string, Backend> = {};
  let haproxy: AttachedHaproxy;
  let tunnel: Tunnel;
  let serve: ServeProcess;
  let browser: Browser;
  let page: Page;
  const problems: string[] = [];
  const weights = async () => Object.fromEntries(Object.entries(await serversState(haproxy.admin, 'web')).map(([server, row]) => [server, row.weight]));

  beforeAll(async () => {
    for (const name of ['blue', 'green']) {
      backends[name] = await startBackend(name, (_req, res) => {
        res.writeHead(200, { 'x-served-by': name });
        res.end(name);
      });
    }
    haproxy = await startAttachedHaproxy(temp.dir, { 'app-1': backends.blue!.url, 'app-2': backends.green!.url });
    tunnel = await startTunnel(haproxy.admin);
    serve = await startServe(
      ['--db', path.join(temp.dir, 'turnout.db'), '--listen', '127.0.0.1:0', '--admin', '127.0.0.1:0', '--backend', `blue=${backends.blue!.url}`, '--backend', `green=${backends.green!.url}`],
      { TURNOUT_TOKEN: token },
    );
    browser = await launchChromium();
    page = await openPanel(browser, serve.adminUrl, token, problems);
  }, 60_000);

  afterAll(async () => {
    await browser?.close();
    await serve?.stop();
    await tunnel?.close().catch(() => undefined);
    await haproxy?.stop();
    for (const backend of Object.values(backends)) await backend.close();
    temp.cleanup();
  });

  it('creates the profile in the form (inline errors first), switches to it, and a preset moves HAProxy’s traffic', async () => {
    await page.getByRole('tab', { name: 'Profiles' }).click();
    await page.getByRole('button', { name: 'New profile' }).click();
    const form = page.getByRole('form', { name: 'New profile' });
    await form.getByLabel('Profile name').fill('Staging');
    await form.getByLabel('Listen address').fill(new URL(haproxy.url).host);
    const rows = form.getByRole('group', { name: /^Environment \d$/ });
    for (const [index, name] of ['blue', 'green'].entries()) await rows.nth(index).getByLabel('URL').fill(backends[name]!.url);
    await form.getByLabel('Steer an HAProxy that already runs elsewhere').check();
    await form.getByLabel('HAProxy runtime API').fill('staging-box');
    await form.getByLabel('HAProxy backend').fill('web');
    await form.getByLabel('HAProxy server for blue').fill('app-1');
    await form.getByRole('button', { name: 'Create profile' }).click();
    // Checked by the shared schema beside each field before anything is sent.
    await expect.poll(() => form.locator('.field-error').allTextContents()).toEqual([
      'socket must be a unix socket path (/…) or host:port',
      'server name may use only letters, digits and . _ : -',
      'Fix the fields marked above.',
    ]);
    await form.getByLabel('HAProxy runtime API').fill(tunnel.address);
    await form.getByLabel('HAProxy server for green').fill('app-2');
    await form.getByRole('button', { name: 'Create profile' }).click();
    const staging = page.getByRole('listitem', { name: 'profile Staging' });
    await expect.poll(() => staging.count()).toBe(1);

    await staging.getByRole('button', { name: 'Switch to' }).click();
    await expect.poll(() => page.locator('.topbar-profile strong').textContent()).toBe('Staging');
    await expect.poll(() => page.locator('.badge-plane').textContent()).toBe('haproxy-attach');
    expect(await weights()).toEqual({ 'app-1': 50, 'app-2': 50 });

    await page.getByRole('tab', { name: 'Overview' }).click();
    const button = page.getByRole('button', { name: '100:0', exact: true });
    await button.click();
    await expect.poll(() => button.getAttribute('aria-pressed')).toBe('true');
    expect(await weights()).toEqual({ 'app-1': 100, 'app-2': 0 });
    expect(tally(await servedBy(haproxy.url, 10))).toEqual({ blue: 10 });
  });

  it('says when the runtime socket is gone, a preset then changes nothing, and the line goes once it is back', async () => {
    const warning = page.locator('.data-plane-warning');
    await tunnel.close();
    await expect.poll(() => warning.textContent(), { timeout: 5000 }).toMatch(/^Heads up: cannot reach the HAProxy runtime API at 127\.0\.0\.1:\d+: ECONNREFUSED \(retrying/);
    const button = page.getByRole('button', { name: '0:100', exact: true });
    await button.click();
    await expect.poll(() => page.getByRole('alert').allTextContents()).toContainEqual(expect.stringMatching(/not applied: cannot reach the HAProxy runtime API/));
    expect(await button.getAttribute('aria-pressed')).toBe('false');
    expect(await weights()).toEqual({ 'app-1': 100, 'app-2': 0 });
    expect(tally(await servedBy(haproxy.url, 10))).toEqual({ blue: 10 });

    await tunnel.reopen();
    await expect.poll(() => warning.count(), { timeout: 5000 }).toBe(0);
    await button.click();
    await expect.poll(() => button.getAttribute('aria-pressed')).toBe('true');
    expect(await weights()).toEqual({ 'app-1': 0, 'app-2': 100 });
    // The refused click is the one console error: the browser logs the admin API's 503 answer.
    expect(problems).toEqual(['Failed to load resource: the server responded with a status of 503 (Service Unavailable)']);
  });
});
