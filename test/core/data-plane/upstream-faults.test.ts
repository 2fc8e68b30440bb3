import http from 'node:http';
import https from 'node:https';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { startBackend, type Backend } from '../../support/backends';
import { get, startPlane, type RunningPlane } from '../../support/data-plane';
import { selfSignedCert } from '../../support/tls-cert';

const NO_CHECKS = { enabled: false };

describe('upstream faults, timeouts and TLS (real sockets)', () => {
  let blue: Backend;
  let green: Backend;
  let running: RunningPlane | undefined;
  const extra: (http.Server | https.Server)[] = [];

  afterEach(async () => {
    await running?.plane.stop();
    running = undefined;
    for (const server of extra.splice(0)) {
      server.closeAllConnections();
      await new Promise((resolve) => server.close(resolve));
    }
    await blue.close();
    await green.close();
  });

  const only = (url: string, settings: Record<string, number> = {}) =>
    startPlane({
      proxy: settings,
      environments: [
        { name: 'blue', url, weight: 100, health: NO_CHECKS },
        { name: 'green', url: green.url, weight: 0, health: NO_CHECKS },
      ],
    });

  it('cuts the client connection when a backend dies mid-response, and keeps serving', async () => {
    let calls = 0;
    blue = await startBackend('blue', (_req, res) => {
      if (++calls > 1) return void res.end('fine');
      res.writeHead(200, { 'content-length': 1000 });
      res.write('partial');
      setTimeout(() => res.socket?.destroy(), 50);
    });
    green = await startBackend('green');
    running = await only(blue.url);
    const outcome = await new Promise<string>((resolve) => {
      http.get(running!.url, (res) => {
        res.resume();
        res.on('end', () => resolve('ended'));
        res.on('error', () => resolve('cut'));
        res.on('aborted', () => resolve('cut'));
      }).on('error', () => resolve('cut'));
      setTimeout(() => resolve('hung'), 5000);
    });
    expect(outcome).toBe('cut');
    expect((await get(running.url)).body).toBe('fine');
  });

  it('answers 504 when the upstream sends no headers within responseTimeoutMs', async () => {
    blue = await startBackend('blue', () => undefined);
    green = await startBackend('green');
    running = await only(blue.url, { responseTimeoutMs: 300 });
    const started = Date.now();
    const response = await fetch(running.url);
    expect(response.status).toBe(504);
    expect(await response.text()).toContain('ETURNOUT_UPSTREAM_TIMEOUT');
    expect(Date.now() - started).toBeLessThan(5000);
    expect(running.plane.status('blue').inFlight).toBe(0);
  });

  it('sets X-Forwarded-For/-Proto/-Host once, also when a request is retried', async () => {
    let headers: http.IncomingHttpHeaders = {};
    blue = await startBackend('blue', (req, res) => {
      headers = req.headers;
      res.end('blue');
    });
    green = await startBackend('green');
    const greenUrl = green.url;
    await green.close();
    running = await startPlane({ environments: [
      // Equal weights: smooth round robin picks the first one first, so green fails and blue retries.
      { name: 'green', url: greenUrl, weight: 50, health: NO_CHECKS },
      { name: 'blue', url: blue.url, weight: 50, health: NO_CHECKS },
    ] });
    expect((await get(running.url)).servedBy).toBe('blue');
    expect(headers['x-forwarded-for']).toBe('127.0.0.1');
    expect(headers['x-forwarded-proto']).toBe('http');
    expect(headers['x-forwarded-host']).toBe(`127.0.0.1:${running.port}`);
  });

  it('reaches an HTTPS upstream with a self-signed certificate only when allowed', async () => {
    const server = https.createServer(selfSignedCert(), (_req, res) => res.end('secure blue'));
    extra.push(server);
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const secureUrl = `https://127.0.0.1:${(server.address() as AddressInfo).port}`;
    blue = await startBackend('blue');
    green = await startBackend('green');
    const config = (allowSelfSigned: boolean) => ({
      environments: [
        { name: 'blue', url: secureUrl, weight: 100, tls: { allowSelfSigned }, health: { intervalMs: 60_000 } },
        { name: 'green', url: green.url, weight: 0, health: NO_CHECKS },
      ],
    });
    running = await startPlane(config(false));
    const refused = await get(running.url);
    expect(refused.status).toBe(502);
    expect(refused.body).toMatch(/SELF_SIGNED.*allow self-signed/);
    running.plane.apply(config(true));
    await expect.poll(() => running!.plane.status('blue').health).toBe('up');
    expect(await get(running.url)).toMatchObject({ status: 200, body: 'secure blue', servedBy: 'blue' });
  });
});
