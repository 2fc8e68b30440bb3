import { spawn } from 'node:child_process';
import crypto from 'node:crypto';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchChromium, openPanel } from '../support/browser';
import { freePort } from '../support/ports';
import { servePanel, type ServedPanel } from '../support/served-panel';

const APP = path.resolve(import.meta.dirname, '../fixtures/managed-app/app.mjs');

/**
 * Environments Turnout runs itself, in the panel: state, live Logs, the last lines beside a
 * crash, and a restart. `turnout serve` runs two real Express apps from their commands.
 */
describe('managed environments in the panel (turnout serve + Chromium)', () => {
  const token = `e2e-${crypto.randomBytes(12).toString('hex')}`;
  let served: ServedPanel;
  let browser: Browser;
  let page: Page;
  let bluePort: number;
  const problems: string[] = [];
  const card = (name: string) => page.locator('article.environment').filter({ has: page.getByRole('heading', { name, exact: true }) });

  beforeAll(async () => {
    served = await servePanel(token, 'turnout-e2e-managed-');
    bluePort = await freePort();
    const greenPort = await freePort();
    const health = { path: '/health', intervalMs: 200, timeoutMs: 2000, rise: 1, fall: 3 };
    await served.admin().createProfile({
      profile: {
        name: 'Own app',
        listen: '127.0.0.1:0',
        routing: 'round-robin',
        demo: false,
        environments: [
          { name: 'blue', color: '#2f6fed', url: `http://127.0.0.1:${bluePort}`, weight: 50, health, run: { command: `node ${APP}`, confirmed: true } },
          // Green cannot start: it only ever crashes, so its last lines stay beside the crash.
          { name: 'green', color: '#1f9d55', url: `http://127.0.0.1:${greenPort}`, weight: 50, health, run: { command: `node ${APP}`, env: { FAIL_START: '1' }, confirmed: true } },
        ],
      },
    });
    await served.admin().switchProfile({ name: 'Own app' });
    browser = await launchChromium();
    page = await openPanel(browser, served.serve.adminUrl, token, problems);
  });

  afterAll(async () => {
    await browser?.close();
    await served?.stop();
  });

  it('shows each process, its live logs, and the last lines beside a crash', async () => {
    await page.getByRole('tab', { name: 'Environments' }).click();
    const blue = card('blue');
    await expect.poll(() => blue.locator('.managed-state').textContent()).toMatch(/^running · pid \d+$/);
    await blue.getByText('Logs', { exact: true }).click();
    const log = page.getByRole('log', { name: 'blue logs' });
    await expect.poll(() => log.textContent()).toMatch(new RegExp(`blue v1 listening on ${bluePort}`));
    // A line the app writes now reaches the open view through the event stream.
    await fetch(`http://127.0.0.1:${bluePort}/log-me?text=seen-in-the-panel`);
    await expect.poll(() => log.textContent()).toMatch(/blue says seen-in-the-panel/);

    const green = card('green');
    await expect.poll(() => green.locator('.managed-state').textContent(), { timeout: 15_000 }).toMatch(/^crashed, crashed \d+ times?$/);
    const crash = page.getByLabel('green: last lines before the crash');
    await expect.poll(() => crash.textContent(), { timeout: 15_000 }).toMatch(/refusing to start \(FAIL_START=1\)[\s\S]*\[turnout\] exited \(code 3\): crashed \d+ times?/);
  });

  it('restarts an app from its card: a new process on the same port', async () => {
    const before = ((await (await fetch(`http://127.0.0.1:${bluePort}/pid`)).json()) as { pid: number }).pid;
    await card('blue').getByRole('button', { name: 'Restart' }).click();
    await expect
      .poll(async () => ((await (await fetch(`http://127.0.0.1:${bluePort}/pid`).catch(() => null))?.json().catch(() => null)) as { pid: number } | null)?.pid, { timeout: 15_000 })
      .not.toBe(before);
    await expect.poll(() => card('blue').locator('.managed-state').textContent(), { timeout: 15_000 }).toMatch(/^running · pid \d+$/);
    await expect.poll(() => page.getByRole('log', { name: 'blue logs' }).textContent(), { timeout: 15_000 }).toMatch(/blue got SIGTERM, exiting[\s\S]*blue v1 listening/);
  });

  it('adopt wizard: a refused URL in one line and nothing saved, then the running app becomes blue and the clone green', async () => {
    const appPort = await freePort();
    const original = spawn(process.execPath, [APP], { env: { ...process.env, PORT: String(appPort), APP_NAME: 'original' }, stdio: 'ignore' });
    try {
      await expect.poll(() => fetch(`http://127.0.0.1:${appPort}/health`).then((response) => response.ok, () => false), { timeout: 10_000 }).toBe(true);
      const before = (await served.admin().listProfiles({})).map((profile) => profile.name);
      await page.getByRole('tab', { name: 'Profiles' }).click();
      await page.getByRole('button', { name: 'Adopt a running app' }).click();
      const wizard = page.getByRole('form', { name: 'Adopt a running app' });
      const dead = await freePort();
      await wizard.getByLabel('1. Where the app serves now').fill(`http://127.0.0.1:${dead}`);
      await wizard.getByRole('button', { name: 'Adopt' }).click();
      await expect.poll(() => wizard.getByRole('alert').textContent()).toBe(`http://127.0.0.1:${dead} does not answer GET / (ECONNREFUSED): start the app first, or name a path that answers with --health`);
      expect((await served.admin().listProfiles({})).map((profile) => profile.name)).toEqual(before);

      await wizard.getByLabel('1. Where the app serves now').fill(`http://127.0.0.1:${appPort}`);
      await wizard.getByLabel('Health-check path').fill('/health');
      await wizard.getByLabel(/^2\. Clone command for Green/).fill(`APP_NAME=clone node ${APP}`);
      await wizard.getByRole('button', { name: 'Adopt' }).click();
      const done = page.getByRole('region', { name: 'Adopted' });
      await expect.poll(() => done.getByRole('status').textContent(), { timeout: 30_000 }).toMatch(new RegExp(`^Profile “Adopted 127\\.0\\.0\\.1:${appPort}” is active\\. Proxy: http://`));
      const proxy = (await done.locator('.adopt-proxy').textContent())!;
      expect(await done.getByRole('listitem').count()).toBe(4);
      const state = await served.admin().getState({});
      expect([state.proxy.url, state.environments.map((env) => [env.name, env.weight]), state.managed!.map((view) => view.state)]).toEqual([proxy, [['blue', 100], ['green', 0]], ['running']]);
      expect(((await (await fetch(`${proxy}/`)).json()) as { name: string }).name).toBe('original');
      // The one error the browser logs is the refused adopt's own answer (503: the URL did not answer).
      expect(problems).toEqual(['Failed to load resource: the server responded with a status of 503 (Service Unavailable)']);
    } finally {
      original.kill('SIGTERM');
    }
  });
});
