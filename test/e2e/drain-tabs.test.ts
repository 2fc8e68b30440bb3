import crypto from 'node:crypto';
import path from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createHttpClient, type FetchLike } from '../../shared/contract/http';
import type { ContractClient } from '../../shared/contract/methods';
import type { FlowView } from '../../shared/contract/flow';
import { launchChromium, openPanel } from '../support/browser';
import { countsWhenSafe, startStatefulApp, type StatefulApp } from '../support/stateful-app';
import { makeTempDir } from '../support/temp-dir';
import { startServe, type ServeProcess } from '../support/turnout-process';

/** What a tab's own script recorded (stateful-app.ts, bundle()). */
interface AppLog {
  bundle: string;
  hello: string[];
  acks: number;
  lostAcks: number;
  connectErrors: number;
  disconnects: string[];
  events: string[];
  sseErrors: number;
  sseOpen: number;
  sessions: string[];
  fetchErrors: number;
}

/**
 * Real browser tabs on a real stateful app (Express + express-session + Socket.IO + an
 * EventSource) through `turnout serve` with sticky routing, taken through the guided update
 * with the profile's default drain. What a user of those tabs would see is asserted: no
 * console error, no failed connect, no lost acknowledgement, the event stream going on, and
 * every tab on the new versions at the end.
 */
describe('update drain with real Chromium tabs on Express + Socket.IO + SSE', () => {
  const token = `e2e-${crypto.randomBytes(12).toString('hex')}`;
  const temp = makeTempDir('turnout-e2e-drain-');
  const apps = {} as Record<'blue' | 'green', StatefulApp>;
  let serve: ServeProcess;
  let browser: Browser;
  let admin: ContractClient;
  const contexts: BrowserContext[] = [];

  beforeAll(async () => {
    apps.blue = await startStatefulApp('blue', 'v1');
    apps.green = await startStatefulApp('green', 'v1');
    serve = await startServe(
      ['--db', path.join(temp.dir, 't.db'), '--listen', '127.0.0.1:0', '--admin', '127.0.0.1:0', '--backend', `blue=${apps.blue.url}`, '--backend', `green=${apps.green.url}`, '--ratio', '50:50', '--routing', 'sticky'],
      { XDG_DATA_HOME: temp.dir, TURNOUT_ADMIN: '', TURNOUT_TOKEN: token },
    );
    admin = createHttpClient({ baseUrl: serve.adminUrl, token, source: 'api', fetch: fetch as unknown as FetchLike });
    const { profile } = await admin.getProfile({});
    const health = { path: '/health', intervalMs: 200, timeoutMs: 2000, rise: 2, fall: 3 };
    await admin.updateProfile({ name: profile.name, profile: { ...profile, environments: profile.environments.map((env) => ({ ...env, health: { ...env.health, ...health } })) } });
    browser = await launchChromium();
  });

  afterAll(async () => {
    for (const context of contexts) await context.close();
    await browser?.close();
    await serve?.stop();
    await apps.blue?.close();
    await apps.green?.close();
    temp.cleanup();
  });

  /** A tab in a context of its own (its own cookies, as another person's browser), collecting console errors. */
  async function openTab(url: string, problems: string[]): Promise<Page> {
    const context = await browser.newContext();
    contexts.push(context);
    const page = await context.newPage();
    page.on('console', (message) => message.type() === 'error' && problems.push(`${url}: ${message.text()}`));
    page.on('pageerror', (error) => problems.push(`${url}: ${error.message}`));
    await page.goto(url);
    return page;
  }
  const appLog = (page: Page): Promise<AppLog> => page.evaluate(() => (window as unknown as { appLog: AppLog }).appLog);

  it('a ?turnout-env= link loads the whole page from that side, and an empty one clears the pin', async () => {
    const problems: string[] = [];
    const port = apps.green.port;
    await apps.green.close();
    apps.green = await startStatefulApp('green', 'v2', port);
    const tab = await openTab(`${serve.proxyUrl}/?turnout-env=green`, problems);
    await expect.poll(async () => (await appLog(tab)).events.length, { timeout: 10_000 }).toBeGreaterThan(3);
    await expect.poll(async () => (await appLog(tab)).sessions.length, { timeout: 10_000 }).toBeGreaterThan(2);
    const log = await appLog(tab);
    // The document, its green-only bundle, Socket.IO, the event stream and every fetch: all green.
    expect(await tab.locator('#version').textContent()).toBe('green v2');
    expect(log.bundle).toBe('v2');
    expect(log.hello).toEqual(['green v2']);
    expect(new Set(log.events)).toEqual(new Set(['v2']));
    expect(new Set(log.sessions)).toEqual(new Set(['v2']));
    expect((await tab.context().cookies()).find((cookie) => cookie.name === 'turnout_env')?.value).toBe('green');
    // Cleared through the tab's own cookie jar without loading the app again: a page opened and
    // closed at once could leave a half-open Socket.IO session behind for the next test's counts.
    await tab.context().request.get(`${serve.proxyUrl}/api/session?turnout-env=`);
    expect((await tab.context().cookies()).some((cookie) => cookie.name === 'turnout_env')).toBe(false);
    expect(problems).toEqual([]);
    await tab.context().close();
    contexts.splice(contexts.indexOf(tab.context()), 1);
    await apps.green.close();
    apps.green = await startStatefulApp('green', 'v1', port);
  }, 60_000);

  it('takes every tab through the default drains with no error, and "safe to update" is true by the app\'s own counts', async () => {
    const problems: string[] = [];
    const tabs: Page[] = [];
    for (let i = 0; i < 4; i++) tabs.push(await openTab(`${serve.proxyUrl}/`, problems));
    await expect.poll(async () => (await Promise.all(tabs.map(appLog))).every((log) => log.hello.length === 1 && log.events.length > 0), { timeout: 15_000 }).toBe(true);
    const panelProblems: string[] = [];
    const panel = await openPanel(browser, serve.adminUrl, token, panelProblems);
    contexts.push(panel.context());

    const safeAndCounts = (name: 'blue' | 'green') => countsWhenSafe(() => admin.getUpdate({}), apps[name]);
    const redeploy = async (name: 'blue' | 'green') => {
      const port = apps[name].port;
      await apps[name].close();
      apps[name] = await startStatefulApp(name, 'v2', port);
    };

    await admin.updateStart({ first: 'blue', plan: 'blue-green', verifyTimeoutMs: 30_000 });
    // The panel shows the drain as it goes: counts, and what ends when.
    await panel.getByTestId('drain-meter').waitFor({ timeout: 5_000 });
    await expect.poll(() => panel.locator('.drain-schedule').textContent()).toMatch(/Sticky clients move to the other side in \d+ s/);
    expect(await safeAndCounts('blue')).toEqual({ socketIoClients: 0, eventStreams: 0, requestsInProgress: 0 });
    await redeploy('blue');
    await admin.updateNext({ manual: false });
    expect(await safeAndCounts('green')).toEqual({ socketIoClients: 0, eventStreams: 0, requestsInProgress: 0 });
    await redeploy('green');
    await admin.updateNext({ manual: false });
    await expect.poll(async () => ((await admin.getUpdate({})) as FlowView).status, { timeout: 30_000 }).toBe('done');

    await expect.poll(async () => (await Promise.all(tabs.map(appLog))).every((log) => log.hello.at(-1)!.endsWith('v2') && log.events.at(-1) === 'v2'), { timeout: 15_000 }).toBe(true);
    await new Promise((resolve) => setTimeout(resolve, 1000));
    for (const tab of tabs) {
      const log = await appLog(tab);
      expect(log.connectErrors).toBe(0);
      expect(log.lostAcks).toBe(0);
      expect(log.acks).toBeGreaterThan(20);
      expect(log.disconnects.length).toBeLessThanOrEqual(2);
      expect(log.disconnects.every((reason) => reason === 'transport close')).toBe(true);
      expect(log.sseErrors).toBe(0);
      expect(log.sseOpen).toBeLessThanOrEqual(3);
      expect(log.fetchErrors).toBe(0);
      expect(log.sessions.at(-1)).toBe('v2');
    }
    expect(problems).toEqual([]);
    expect(panelProblems).toEqual([]);
  }, 150_000);

  it('under round robin, Socket.IO polling brings the affinity notice, and one click switches to sticky', async () => {
    const { profile } = await admin.getProfile({});
    await admin.updateProfile({ name: profile.name, profile: { ...profile, routing: 'round-robin' } });
    const problems: string[] = [];
    const panel = await openPanel(browser, serve.adminUrl, token, problems);
    contexts.push(panel.context());
    const tabProblems: string[] = [];
    await openTab(`${serve.proxyUrl}/`, tabProblems);
    const notice = panel.locator('.affinity-hint');
    await notice.waitFor({ timeout: 10_000 });
    expect(await notice.textContent()).toMatch(/Socket\.IO long-polling|session cookie/);
    await notice.getByRole('button', { name: 'Switch to sticky sessions' }).click();
    await expect.poll(async () => (await admin.getState({})).profile.routing).toBe('sticky');
    await notice.waitFor({ state: 'detached' });
    expect(problems).toEqual([]);
  }, 60_000);
});
