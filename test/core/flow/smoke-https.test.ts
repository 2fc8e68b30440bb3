import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { smokeRequest } from '../../../electron/core/flow/smoke';
import { startBackend, type Backend } from '../../support/backends';
import { startPlane, type RunningPlane } from '../../support/data-plane';
import { localTlsFront } from '../../support/tls-front';

/** An update's smoke step goes through Turnout's own listener: on an HTTPS profile that is https://. */
describe('smoke request through an HTTPS listener', () => {
  let front: Awaited<ReturnType<typeof localTlsFront>>;
  let blue: Backend;
  let green: Backend;
  let running: RunningPlane;

  beforeAll(async () => {
    front = await localTlsFront();
    blue = await startBackend('blue');
    green = await startBackend('green');
    running = await startPlane(
      {
        environments: [
          { name: 'blue', url: blue.url, weight: 100, health: { enabled: false } },
          { name: 'green', url: green.url, weight: 0, health: { enabled: false } },
        ],
      },
      { tls: front.files },
    );
  });

  afterAll(async () => {
    await running?.plane.stop();
    await blue?.close();
    await green?.close();
    front?.cleanup();
  });

  it('reaches the pinned environment at weight 0 over https, and reports a wrong status', async () => {
    expect(running.url).toMatch(/^https:\/\//);
    expect(await smokeRequest(running.url, 'green', '/', 200)).toEqual({ ok: true, detail: 'GET / answered 200' });
    expect(green.hits).toBe(1);
    expect(await smokeRequest(running.url, 'green', '/', 204)).toEqual({ ok: false, detail: 'GET / answered 200, expected 204' });
  });
});
