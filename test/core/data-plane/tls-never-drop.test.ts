import https from 'node:https';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { startBackend, type Backend } from '../../support/backends';
import { startPlane, type RunningPlane } from '../../support/data-plane';
import { h2Connect, h2Request } from '../../support/h2-client';
import { localTlsFront } from '../../support/tls-front';

let front: Awaited<ReturnType<typeof localTlsFront>>;
beforeAll(async () => (front = await localTlsFront()));
afterAll(() => front.cleanup());

/** never-drop.test.ts's ratio-switch case over the HTTPS listener: HTTP/2 streams on one connection, and HTTPS/1.1 keep-alive. */
describe.each([1, 2])('never drop over HTTPS (%i proxy process(es))', (workers) => {
  let blue: Backend;
  let green: Backend;
  let running: RunningPlane | undefined;

  const environments = (weights: [number, number]) => [
    { name: 'blue', url: blue.url, weight: weights[0], health: { enabled: false } },
    { name: 'green', url: green.url, weight: weights[1], health: { enabled: false } },
  ];

  afterEach(async () => {
    await running?.plane.stop();
    await blue.close();
    await green.close();
  });

  it('switches the ratio 100 times under HTTP/2 load (2000 streams, 50 at a time, ONE connection): no request fails, the connection stays', async () => {
    blue = await startBackend('blue');
    green = await startBackend('green');
    running = await startPlane({ environments: environments([50, 50]) }, { workers, tls: front.files });
    const session = await h2Connect(running.url, front.caPem);
    let done = 0;
    let flips = 0;
    const failures: string[] = [];
    const worker = async (): Promise<void> => {
      while (done < 2000) {
        done++;
        const answer = await h2Request(session, '/').catch((error: Error) => ({ status: 0, body: error.message }));
        if (answer.status !== 200) failures.push(`${answer.status} ${answer.body}`);
        if (done % 20 === 0 && flips < 100) running!.plane.apply({ environments: environments(flips++ % 2 === 0 ? [90, 10] : [0, 100]) });
      }
    };
    await Promise.all(Array.from({ length: 50 }, worker));
    expect(flips).toBe(100);
    expect(failures).toEqual([]);
    expect(session.destroyed || session.closed).toBe(false);
    session.destroy();
  });

  it('switches the ratio 100 times under HTTPS/1.1 keep-alive load: no request fails', async () => {
    blue = await startBackend('blue');
    green = await startBackend('green');
    running = await startPlane({ environments: environments([50, 50]) }, { workers, tls: front.files });
    const agent = new https.Agent({ keepAlive: true, maxSockets: 20, ca: front.caPem });
    let sockets = 0;
    let done = 0;
    let flips = 0;
    const failures: string[] = [];
    const one = (): Promise<void> =>
      new Promise((resolve) => {
        https
          .get(`${running!.url}/`, { agent }, (res) => {
            res.resume();
            res.on('end', () => {
              if (res.statusCode !== 200) failures.push(`status ${res.statusCode}`);
              resolve();
            });
          })
          .on('socket', (socket) => socket.once('secureConnect', () => sockets++))
          .on('error', (error) => {
            failures.push(error.message);
            resolve();
          });
      });
    const worker = async (): Promise<void> => {
      while (done < 1500) {
        done++;
        await one();
        if (done % 15 === 0 && flips < 100) running!.plane.apply({ environments: environments(flips++ % 2 === 0 ? [90, 10] : [0, 100]) });
      }
    };
    await Promise.all(Array.from({ length: 20 }, worker));
    agent.destroy();
    expect(flips).toBe(100);
    expect(failures).toEqual([]);
    // Keep-alive held across the switches: a handful of TLS connections, not one per request.
    expect(sockets).toBeLessThanOrEqual(20);
  });
});
