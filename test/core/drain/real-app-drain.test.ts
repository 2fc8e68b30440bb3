import { afterEach, describe, expect, it } from 'vitest';
import type { FlowView } from '../../../shared/contract/flow';
import { eventStreamClient, sessionClient, socketIoClient } from '../../support/app-clients';
import { startControl } from '../../support/control-fixture';
import { eventually } from '../../support/data-plane';
import { countsWhenSafe, startStatefulApp, type StatefulApp } from '../../support/stateful-app';
import { makeTempDir } from '../../support/temp-dir';

/**
 * The guided update with the profile's default drain, in front of a real stateful app
 * (Express 5 + express-session + Socket.IO 4 + SSE) as Blue and Green, with real clients
 * (socket.io-client, event-stream readers, cookie sessions) pinned by sticky routing. Each
 * drain must end by itself, and "safe to update" must be true by the app's own counts.
 */
describe.each([1, 2])('update drain in front of Express + Socket.IO + SSE (%i proxy process)', (workers) => {
  const cleanup: (() => Promise<void> | void)[] = [];
  afterEach(async () => {
    for (const step of cleanup.reverse()) await step();
    cleanup.length = 0;
  });

  it('ends every client cleanly, says "safe" only at the app\'s own zero, and moves everyone to the new versions', async () => {
    const temp = makeTempDir();
    cleanup.push(temp.cleanup);
    const apps: Record<'blue' | 'green', StatefulApp> = { blue: await startStatefulApp('blue', 'v1'), green: await startStatefulApp('green', 'v1') };
    cleanup.push(() => apps.blue.close(), () => apps.green.close());
    // Probes quick enough for a short verify, patient enough that a busy machine's slow answer is no outage.
    const health = { path: '/health', intervalMs: 200, timeoutMs: 2000, rise: 2, fall: 3 };
    const { control, url, stop } = await startControl(temp.dir, { blue: apps.blue.url, green: apps.green.url }, { name: 'Stateful', health, extra: { routing: 'sticky', dataPlane: { kind: 'embedded', workers } } });
    cleanup.push(stop);

    const sockets = Array.from({ length: 6 }, () => socketIoClient(url));
    const streams = Array.from({ length: 4 }, () => eventStreamClient(url));
    const sessions = Array.from({ length: 4 }, () => sessionClient(url));
    cleanup.push(() => {
      for (const client of [...sockets, ...streams, ...sessions]) client.stop();
    });
    // Every client is connected and pinned, on both sides.
    expect(await eventually(() => sockets.every((c) => c.log.hello.length === 1) && streams.every((c) => c.log.versions.length > 0), 8000)).toBe(true);
    const pinnedTo = (name: string) => sockets.filter((c) => c.log.hello[0]!.startsWith(name)).length;
    expect(pinnedTo('blue') + pinnedTo('green')).toBe(6);

    const view = async (): Promise<FlowView> => (await control.getUpdate({}, { source: 'cli' }))!;
    const safeAndCounts = async (name: 'blue' | 'green') => {
      const started = Date.now();
      const stats = await countsWhenSafe(view, apps[name]);
      return { stats, waitedMs: Date.now() - started };
    };
    const redeploy = async (name: 'blue' | 'green') => {
      const port = apps[name].port;
      await apps[name].close();
      apps[name] = await startStatefulApp(name, 'v2', port);
    };

    await control.updateStart({ first: 'blue', plan: 'blue-green', verifyTimeoutMs: 30_000 }, { source: 'cli' });
    const blueSafe = await safeAndCounts('blue');
    expect(blueSafe.stats).toEqual({ socketIoClients: 0, eventStreams: 0, requestsInProgress: 0 });
    // The defaults end the drain by itself: the 10 s session window and grace, well within the 30 s deadline.
    expect(blueSafe.waitedMs).toBeLessThan(20_000);
    await redeploy('blue');
    await control.updateNext({ manual: false }, { source: 'cli' });
    const greenSafe = await safeAndCounts('green');
    expect(greenSafe.stats).toEqual({ socketIoClients: 0, eventStreams: 0, requestsInProgress: 0 });
    await redeploy('green');
    await control.updateNext({ manual: false }, { source: 'cli' });
    expect(await eventually(async () => (await view()).status !== 'running', 30_000)).toBe(true);
    expect((await view()).status).toBe('done');
    // Everyone is on a new version, still connected, and saw nothing break on the way.
    expect(await eventually(() => sockets.every((c) => c.socket.connected && c.log.hello.at(-1)!.endsWith('v2')), 10_000)).toBe(true);
    expect(await eventually(() => streams.every((c) => c.log.versions.at(-1)!.endsWith('v2')), 10_000)).toBe(true);
    await new Promise((resolve) => setTimeout(resolve, 500));

    for (const { log } of sockets) {
      expect(log.connectErrors).toBe(0);
      expect(log.lostAcks).toBe(0);
      expect(log.acks).toBeGreaterThan(20);
      // At most one reconnect per drained environment, each after a clean "transport close".
      expect(log.reconnects).toBeLessThanOrEqual(2);
      expect(log.disconnects.every((reason) => reason === 'transport close')).toBe(true);
    }
    for (const { log } of streams) {
      expect(log.failures).toEqual([]);
      expect(log.ends.filter((end) => end === 'cut')).toEqual([]);
      expect(log.ends.length).toBeLessThanOrEqual(2);
    }
    for (const client of sessions) {
      expect(client.failures).toEqual([]);
      expect(client.views.at(-1)!.version).toBe('v2');
    }
    // Both drains moved clients off a side: each side's sticky clients reconnected exactly once then.
    expect(sockets.reduce((sum, c) => sum + c.log.reconnects, 0)).toBeGreaterThanOrEqual(6);
  }, 120_000);
});
