import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningTurnout } from '../../electron/server/app';
import { startBackend, type Backend } from '../support/backends';
import { runCliInProcess } from '../support/cli-in-process';
import { makeTempDir } from '../support/temp-dir';
import { startTurnoutIn } from '../support/turnout-fixture';

const TOKEN = 'pause-hold-token';

describe('pause --hold / --stop through the CLI, stored across a restart (real Turnout, real SQLite)', () => {
  let temp: ReturnType<typeof makeTempDir>;
  let turnout: RunningTurnout | undefined;
  let backends: Backend[];
  const cli = (...args: string[]) => runCliInProcess(args, turnout!.adminUrl, TOKEN);
  const start = async () => {
    turnout = await startTurnoutIn(temp.dir, TOKEN, backends.map((backend) => `${backend.name}=${backend.url}`));
    return (await turnout.control.getState()).proxy.url;
  };

  beforeAll(async () => {
    temp = makeTempDir();
    backends = [await startBackend('blue'), await startBackend('green')];
  });

  afterAll(async () => {
    await turnout?.stop();
    for (const backend of backends ?? []) await backend.close();
    temp?.cleanup();
  });

  it('hold: status shows what waits; a restart comes back holding; resume answers the held request', async () => {
    let proxyUrl = await start();
    const held = await cli('pause', '--hold', '--timeout', '20s');
    expect(held).toMatchObject({ code: 0, err: '' });
    expect(held.out).toContain('(paused, hold: 0 held');
    const waiting = fetch(`${proxyUrl}/a`);
    await new Promise((resolve) => setTimeout(resolve, 200));
    const status = await cli('status', '--json');
    expect(JSON.parse(status.out)).toMatchObject({ proxy: { paused: true, listening: true }, pause: { mode: 'hold', timeoutMs: 20_000, held: 1 } });
    expect((await cli('status')).out).toMatch(/hold: 1 held, longest \d+\.\d s, timeout 20 s/);
    expect((await turnout!.control.getHistory({ limit: 1 })).entries[0]).toMatchObject({ source: 'cli', action: 'pause', after: { paused: true, mode: 'hold' } });

    // Turnout stops: the held request is told to come back, not left hanging.
    await turnout!.stop();
    const told = await waiting;
    expect(told.status).toBe(503);
    expect(told.headers.get('retry-after')).toBe('5');

    proxyUrl = await start();
    expect((await turnout!.control.getState()).pause).toMatchObject({ mode: 'hold', timeoutMs: 20_000 });
    const afterRestart = fetch(`${proxyUrl}/b`).then(async (response) => ({ status: response.status, body: await response.text() }));
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect((await turnout!.control.getState()).pause?.held).toBe(1);
    const resumed = await cli('resume', '--json');
    expect(resumed.code).toBe(0);
    expect(JSON.parse(resumed.out)).toMatchObject({ proxy: { paused: false, listening: true }, pause: null });
    expect(await afterRestart).toMatchObject({ status: 200 });
  });

  it('stop with a message, then hold → stop → resume; a restart after resume starts unpaused', async () => {
    const proxyUrl = (await turnout!.control.getState()).proxy.url;
    expect((await cli('pause', '--stop', '--message', 'Back at 10:00')).out).toContain('stop: Back at 10:00');
    const answer = await fetch(proxyUrl, { headers: { accept: 'application/json' } });
    expect(answer.status).toBe(503);
    expect(await answer.json()).toMatchObject({ message: 'Back at 10:00' });
    expect((await cli('pause', '--hold', '--message', 'x')).err).toMatch(/--message goes with --stop/);
    expect((await cli('pause', '--hold', '--stop')).err).toMatch(/pick one of/);
    expect((await cli('resume')).code).toBe(0);
    await turnout!.stop();
    const url = await start();
    expect((await turnout!.control.getState()).pause).toBeNull();
    expect((await fetch(url)).status).toBe(200);
  });
});
