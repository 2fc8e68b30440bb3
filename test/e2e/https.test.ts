import { createHash, X509Certificate } from 'node:crypto';
import fs from 'node:fs';
import { chromium, type Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startBackend, type Backend } from '../support/backends';
import { CHROMIUM_ARGS, CHROMIUM_PATH } from '../support/browser';
import { startPlane, type RunningPlane } from '../support/data-plane';
import { localTlsFront } from '../support/tls-front';

/**
 * Chromium over Turnout's HTTPS listener. Trust: Chromium is told the public key hash of the
 * leaf the local CA issued (--ignore-certificate-errors-spki-list), because this machine has
 * no NSS certutil to put the CA in a temp NSS database; given the CA's own key hash, this
 * Chromium still refused (it matches the served certificate). So this proves the browser
 * side (HTTP/2 by ALPN, Secure cookie, sticky), not the CA chain: openssl verify does that
 * (local-ca.test.ts), and curl --cacert (cli-tls.test.ts). A browser without the flag is refused.
 */
describe('Chromium over HTTPS (HTTP/2), trusting the local CA', () => {
  let front: Awaited<ReturnType<typeof localTlsFront>>;
  let blue: Backend;
  let green: Backend;
  let running: RunningPlane;
  let browser: Browser;
  let untrusting: Browser;

  beforeAll(async () => {
    front = await localTlsFront();
    blue = await startBackend('blue', (_req, res) => {
      res.writeHead(200, { 'content-type': 'text/html' });
      res.end('<title>blue</title><p id="who">blue</p>');
    });
    green = await startBackend('green', (_req, res) => {
      res.writeHead(200, { 'content-type': 'text/html' });
      res.end('<title>green</title><p id="who">green</p>');
    });
    running = await startPlane(
      {
        routing: 'sticky',
        environments: [
          { name: 'blue', url: blue.url, weight: 100, health: { enabled: false } },
          { name: 'green', url: green.url, weight: 0, health: { enabled: false } },
        ],
      },
      { tls: front.files },
    );
    // The leaf's key: Chromium matches the flag against the served certificate, not the CA above it.
    const leaf = new X509Certificate(fs.readFileSync(front.files.certFile));
    const spki = createHash('sha256').update(leaf.publicKey.export({ type: 'spki', format: 'der' })).digest('base64');
    browser = await chromium.launch({ executablePath: CHROMIUM_PATH, headless: true, args: [...CHROMIUM_ARGS, `--ignore-certificate-errors-spki-list=${spki}`] });
    untrusting = await chromium.launch({ executablePath: CHROMIUM_PATH, headless: true, args: CHROMIUM_ARGS });
  });

  afterAll(async () => {
    await browser?.close();
    await untrusting?.close();
    await running?.plane.stop();
    await blue?.close();
    await green?.close();
    front?.cleanup();
  });

  it('loads the page over HTTP/2, gets a Secure sticky cookie, and stays pinned after the ratio moves', async () => {
    const page = await browser.newPage();
    const url = `https://localhost:${running.port}/`;
    const response = await page.goto(url);
    expect(response?.status()).toBe(200);
    expect(await page.textContent('#who')).toBe('blue');
    expect(await page.evaluate(() => (performance.getEntriesByType('navigation')[0] as PerformanceNavigationTiming).nextHopProtocol)).toBe('h2');
    const cookies = await page.context().cookies(url);
    expect(cookies.find((cookie) => cookie.name === 'turnout_sticky')).toMatchObject({ value: 'blue', secure: true, httpOnly: true });
    running.plane.apply({ routing: 'sticky', environments: [
      { name: 'blue', url: blue.url, weight: 0, health: { enabled: false } },
      { name: 'green', url: green.url, weight: 100, health: { enabled: false } },
    ] });
    await page.reload();
    expect(await page.textContent('#who')).toBe('blue');
    await page.close();
  });

  it('a Chromium that does not trust the CA is refused: the certificate is really checked', async () => {
    const page = await untrusting.newPage();
    const failure = await page.goto(`https://localhost:${running.port}/`).then(() => 'loaded', (error: Error) => error.message);
    expect(failure).toMatch(/ERR_CERT_AUTHORITY_INVALID/);
    await page.close();
  });
});
