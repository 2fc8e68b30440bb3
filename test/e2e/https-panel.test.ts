import { execFile } from 'node:child_process';
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { promisify } from 'node:util';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchChromium, openPanel } from '../support/browser';
import { makeTempDir } from '../support/temp-dir';
import { startServeWithBackends, type ServeWithBackends } from '../support/turnout-process';

const run = promisify(execFile);

/** curl trusting only the CA the panel named (never -k): "<status> <http version> <body>". */
async function curl(url: string, caFile: string, ...extra: string[]): Promise<string> {
  const { stdout } = await run('curl', ['-sS', '-w', ' %{http_code} %{http_version}', '--cacert', caFile, ...extra, url]);
  return stdout;
}

/**
 * The panel turns HTTPS on for the running profile: the form checks its fields (inline, the
 * shared schema), the core refuses a certificate file that is not there (one line naming it),
 * then with the local CA the proxy answers over HTTPS to curl trusting the CA the panel shows,
 * the header's proxy address says https://, and the trust steps are those of `turnout tls ca`.
 */
describe('panel: HTTPS for a profile in the form, in Chromium', () => {
  const token = `e2e-${crypto.randomBytes(12).toString('hex')}`;
  const temp = makeTempDir('turnout-e2e-https-panel-');
  let running: ServeWithBackends;
  let browser: Browser;
  let page: Page;
  const problems: string[] = [];

  beforeAll(async () => {
    running = await startServeWithBackends(temp.dir, token);
    browser = await launchChromium();
    page = await openPanel(browser, running.serve.adminUrl, token, problems);
  }, 60_000);

  afterAll(async () => {
    await browser?.close();
    await running?.stop();
    temp.cleanup();
  });

  it('turns HTTPS on in the form; the proxy answers over https with the CA the panel names', async () => {
    const proxyLink = page.locator('.topbar-proxy a');
    await expect.poll(() => proxyLink.textContent()).toMatch(/^http:\/\/127\.0\.0\.1:\d+/);
    await page.getByRole('tab', { name: 'Profiles' }).click();
    await page.getByRole('listitem', { name: /^profile Local/ }).getByRole('button', { name: 'Edit' }).click();
    const form = page.getByRole('form', { name: 'Edit profile Local' });
    await form.getByLabel('Serve HTTPS').check();
    await form.getByLabel('Extra names for the local certificate').fill('app.test\nbad_name!');
    await form.getByLabel('Own key file').fill(path.join(temp.dir, 'missing.key'));
    await form.getByLabel('Redirect plain HTTP from port').fill('80x');
    await form.getByRole('button', { name: 'Save profile' }).click();
    await expect.poll(() => form.locator('.field-error').allTextContents()).toEqual(['must be a host name (e.g. app.test) or an IP address', 'must be a whole number', 'Fix the fields marked above.']);
    await form.getByLabel('Extra names for the local certificate').fill('app.test');
    await form.getByLabel('Redirect plain HTTP from port').fill('');
    await form.getByRole('button', { name: 'Save profile' }).click();
    await expect.poll(() => form.locator('.field-error').allTextContents()).toEqual(['give both a certificate file and a key file, or neither', 'Fix the fields marked above.']);

    // Both given, neither there: the core refuses in one line naming the file, nothing stored.
    const missingCert = path.join(temp.dir, 'missing.crt');
    await form.getByLabel('Own certificate file').fill(missingCert);
    await form.getByRole('button', { name: 'Save profile' }).click();
    const refused = form.locator('.alert');
    await expect.poll(() => refused.textContent()).toContain(missingCert);
    expect((await refused.textContent())!.split('\n')).toHaveLength(1);
    await expect.poll(() => proxyLink.textContent()).toMatch(/^http:\/\//);

    // Blank files: the local CA. Its trust steps are shown before saving.
    await form.getByLabel('Own certificate file').fill('');
    await form.getByLabel('Own key file').fill('');
    await form.getByText("Trust Turnout's local CA").click();
    const caFile = (await form.locator('.tls-ca-file').textContent())!;
    expect(caFile).toBe(path.join(temp.dir, 'tls', 'turnout-local-ca.pem'));
    expect(fs.readFileSync(caFile, 'utf8')).toMatch(/^-----BEGIN CERTIFICATE-----/);
    const steps = await form.locator('.tls-trust dd code').allTextContents();
    expect(steps).toContain(`sudo cp ${JSON.stringify(caFile)} /usr/local/share/ca-certificates/turnout-local-ca.crt`);
    expect(steps).toContain(`certutil -addstore -f ROOT ${JSON.stringify(caFile)}`);
    await form.getByRole('button', { name: 'Save profile' }).click();
    await expect.poll(() => form.count()).toBe(0);

    await expect.poll(() => proxyLink.textContent(), { timeout: 10_000 }).toMatch(/^https:\/\/127\.0\.0\.1:\d+/);
    const port = new URL((await proxyLink.textContent())!).port;
    expect(await curl(`https://localhost:${port}/`, caFile, '--http1.1')).toMatch(/ 200 1\.1$/);
    expect(await curl(`https://localhost:${port}/`, caFile, '--http2')).toMatch(/ 200 2$/);
    expect(await curl(`https://app.test:${port}/`, caFile, '--resolve', `app.test:${port}:127.0.0.1`)).toMatch(/ 200 2$/);
    // The refused save is the one console error: the browser logs the admin API's 400 answer.
    expect(problems).toEqual(['Failed to load resource: the server responded with a status of 400 (Bad Request)']);
  });
});
