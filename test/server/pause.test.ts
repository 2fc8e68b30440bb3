import http from 'node:http';
import net from 'node:net';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTurnout, type RunningTurnout } from '../../electron/server/app';
import { main, type CliIo } from '../../electron/server/cli';
import type { TurnoutState } from '../../shared/contract/state';
import { servedBy, startBackend, startInFlight, tally, type Backend } from '../support/backends';
import { hasHaproxy } from '../support/external-tools';
import { makeTempDir } from '../support/temp-dir';
import { runCliInProcess } from '../support/cli-in-process';
import { startTurnoutIn } from '../support/turnout-fixture';

const TOKEN = 'pause-token';

/** Whether a new TCP connection to the proxy is accepted (true) or refused (false). */
function accepts(url: string): Promise<boolean> {
  const { hostname, port } = new URL(url);
  return new Promise((resolve) => {
    const socket = net.connect(Number(port), hostname);
    socket.once('connect', () => {
      socket.destroy();
      resolve(true);
    });
    socket.once('error', () => resolve(false));
  });
}

describe('pause and resume the proxy: real proxy, real backends, the CLI in-process', () => {
  let temp: ReturnType<typeof makeTempDir>;
  let turnout: RunningTurnout;
  let backends: Backend[];
  let proxyUrl: string;
  const cli = (...args: string[]) => runCliInProcess(args, turnout.adminUrl, TOKEN);
  const state = () => turnout.control.getState();

  beforeAll(async () => {
    temp = makeTempDir();
    // /slow answers after 400 ms: a request in flight at the moment of pausing.
    const slow = (name: string) => startBackend(name, (req, res) => setTimeout(() => res.end(name), req.url === '/slow' ? 400 : 0));
    backends = [await slow('blue'), await slow('green')];
    turnout = await startTurnoutIn(temp.dir, TOKEN, backends.map((backend) => `${backend.name}=${backend.url}`));
    proxyUrl = (await state()).proxy.url;
  });

  afterAll(async () => {
    await turnout?.stop();
    for (const backend of backends ?? []) await backend.close();
    temp?.cleanup();
  });

  it('pause: new connections are refused, a request in flight completes, the admin API and state go on', async () => {
    expect((await state()).proxy).toMatchObject({ paused: false, listening: true });
    const inFlight = (await startInFlight(`${proxyUrl}/slow`, backends)).response;
    const paused = await cli('pause');
    expect(paused).toMatchObject({ code: 0, err: '' });
    expect(paused.out).toContain('(paused)');
    expect(await accepts(proxyUrl)).toBe(false);
    expect(await inFlight).toMatchObject({ status: 200 });
    expect((await state()).proxy).toEqual({ url: proxyUrl, listening: false, paused: true });
    const [entry] = (await turnout.control.getHistory({ limit: 1 })).entries;
    expect(entry).toMatchObject({ source: 'cli', kind: 'profile', action: 'pause' });
    // Pausing again changes nothing and records nothing.
    expect((await cli('pause')).code).toBe(0);
    expect((await turnout.control.getHistory({ limit: 1 })).entries[0]!.id).toBe(entry!.id);
  });

  it('resume: traffic flows again on the same address', async () => {
    const resumed = await cli('resume', '--json');
    expect(resumed.code).toBe(0);
    expect((JSON.parse(resumed.out) as TurnoutState).proxy).toEqual({ url: proxyUrl, listening: true, paused: false });
    expect(tally(await servedBy(proxyUrl, 10))).toEqual({ blue: 5, green: 5 });
    const [entry] = (await turnout.control.getHistory({ limit: 1 })).entries;
    expect(entry).toMatchObject({ source: 'cli', kind: 'profile', action: 'resume' });
  });

  it('resume while something took the port meanwhile: the error is reported and the proxy stays paused', async () => {
    expect((await cli('pause')).code).toBe(0);
    const { port } = new URL(proxyUrl);
    const squatter = http.createServer((_req, res) => res.end('squatter'));
    await new Promise<void>((resolve) => squatter.listen(Number(port), '127.0.0.1', resolve));
    try {
      const refused = await cli('resume');
      expect(refused.code).toBe(1);
      expect(refused.err).toMatch(/already in use.*stays paused/);
      expect((await state()).proxy).toMatchObject({ paused: true, listening: false });
      expect((await turnout.control.getHistory({ limit: 1 })).entries[0]).toMatchObject({ action: 'pause' });
    } finally {
      await new Promise<void>((resolve) => squatter.close(() => resolve()));
    }
    expect((await cli('resume')).code).toBe(0);
    expect(tally(await servedBy(proxyUrl, 4))).toEqual({ blue: 2, green: 2 });
  });

  it('answers --help for both commands', async () => {
    const out: string[] = [];
    const io: CliIo = { out: (line) => out.push(line), err: (line) => out.push(line), env: {} };
    expect(await main(['pause', '--help'], io)).toBe(0);
    expect(await main(['resume', '--help'], io)).toBe(0);
    expect(out.join('\n')).toMatch(/Usage: turnout pause[\s\S]*Usage: turnout resume/);
  });
});

describe.skipIf(!hasHaproxy)('pausing with an external engine (skipped when haproxy is not installed)', () => {
  it('is refused with CONFLICT: only the embedded proxy can pause', async () => {
    const temp = makeTempDir();
    const blue = await startBackend('blue');
    const green = await startBackend('green');
    const turnout = await startTurnout({ dbFile: path.join(temp.dir, 'turnout.db'), admin: '127.0.0.1:0', token: TOKEN, overrides: { listen: '127.0.0.1:0', backends: [`blue=${blue.url}`, `green=${green.url}`], ratio: '50:50' } });
    try {
      const { profile } = await turnout.control.getProfile({});
      await turnout.control.createProfile({ profile: { ...profile, name: 'Engine', listen: '127.0.0.1:0', dataPlane: { kind: 'haproxy' } } }, { source: 'api' });
      await turnout.control.switchProfile({ name: 'Engine' }, { source: 'api' });
      const response = await fetch(`${turnout.adminUrl}/api/v1/setPaused`, { method: 'POST', headers: { 'content-type': 'application/json', authorization: `Bearer ${TOKEN}` }, body: JSON.stringify({ paused: true }) });
      expect(response.status).toBe(409);
      expect(await response.text()).toMatch(/pausing is only available with the embedded proxy/);
      expect((await turnout.control.getState()).proxy).toMatchObject({ paused: false, listening: true });
    } finally {
      await turnout.stop();
      await blue.close();
      await green.close();
      temp.cleanup();
    }
  });
});
