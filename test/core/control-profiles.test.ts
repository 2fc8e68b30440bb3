import type http from 'node:http';
import net from 'node:net';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ControlService } from '../../electron/core/control';
import { HAND_OVER_IDLE_MS } from '../../electron/core/net/listen';
import { Store } from '../../electron/core/store/store';
import { dispatch } from '../../shared/contract/dispatch';
import type { MethodArgs, MethodName, MethodResults } from '../../shared/contract/methods';
import type { ChangeSource } from '../../shared/contract/state';
import { profileSchema, type Profile } from '../../shared/domain/profile';
import { getOnNewConnection, servedBy, servedByOnOneConnection, startBackend, startInFlight, tally, type Backend } from '../support/backends';
import { idleKeptAlive } from '../support/raw-http';
import { makeTempDir } from '../support/temp-dir';
import { freePort } from '../support/ports';

function makeProfile(name: string, listen: string, blue: Backend, green: Backend, ratio: [number, number] = [50, 50]): Profile {
  return profileSchema.parse({
    name,
    listen,
    routing: 'round-robin',
    demo: false,
    environments: [
      { name: 'blue', color: '#2f6fed', url: blue.url, weight: ratio[0] },
      { name: 'green', color: '#1f9d55', url: green.url, weight: ratio[1] },
    ],
  });
}

describe('control service: profiles, presets, history, undo (real SQLite, real sockets)', () => {
  let temp: ReturnType<typeof makeTempDir>;
  let store: Store;
  let control: ControlService;
  let blue: Backend;
  let green: Backend;
  const call = <M extends MethodName>(method: M, input: MethodArgs<M>, source: ChangeSource = 'window') =>
    dispatch(control, method, input, { source }) as Promise<MethodResults[M]>;
  const weights = async () => Object.fromEntries((await call('getState', {})).environments.map((env) => [env.name, env.weight]));

  beforeEach(async () => {
    temp = makeTempDir();
    // A slow path lets a request stay in flight across a profile switch.
    const slow = (name: string) => (req: http.IncomingMessage, res: http.ServerResponse) =>
      setTimeout(() => res.end(name), req.url === '/slow' ? 400 : 0);
    blue = await startBackend('blue', slow('blue'));
    green = await startBackend('green', slow('green'));
    store = Store.open(path.join(temp.dir, 'turnout.db'));
    const first = makeProfile('First', `127.0.0.1:${await freePort()}`, blue, green);
    store.profiles.saveActive(first);
    control = new ControlService(store, first);
    await control.start();
  });

  afterEach(async () => {
    await control.stop();
    store.close();
    await blue.close();
    await green.close();
    temp.cleanup();
  });

  it('switches profile: the new listener serves, a request in flight on the old one finishes', async () => {
    const second = makeProfile('Second', `127.0.0.1:${await freePort()}`, blue, green, [0, 100]);
    await call('createProfile', { profile: second });
    const oldUrl = (await call('getState', {})).proxy.url;
    const idle = await idleKeptAlive(oldUrl);
    const inFlight = (await startInFlight(`${oldUrl}/slow`, [blue, green])).response;
    const state = await call('switchProfile', { name: 'Second' }, 'cli');
    expect(state.profile.name).toBe('Second');
    expect(state.proxy.url).not.toBe(oldUrl);
    expect(await inFlight).toEqual({ status: 200, body: expect.stringMatching(/blue|green/) });
    expect(tally(await servedBy(state.proxy.url, 4))).toEqual({ green: 4 });
    // The old listener is gone: kept-alive connections close once idle, and no new one is taken.
    await idle.closed;
    await expect(getOnNewConnection(oldUrl)).rejects.toThrow(/ECONNREFUSED/);
    expect(store.profiles.active()?.name).toBe('Second');
    const [entry] = (await call('getHistory', { limit: 1 })).entries;
    expect(entry).toMatchObject({ kind: 'profile', action: 'switch', source: 'cli', before: 'First', after: 'Second' });
  });

  it('stays on the old profile when the new listen address cannot be bound', async () => {
    const blocker = net.createServer();
    await new Promise<void>((resolve) => blocker.listen(0, '127.0.0.1', resolve));
    const taken = (blocker.address() as net.AddressInfo).port;
    try {
      await call('createProfile', { profile: makeProfile('Blocked', `127.0.0.1:${taken}`, blue, green) });
      const before = await call('getState', {});
      await expect(call('switchProfile', { name: 'Blocked' })).rejects.toThrow(`127.0.0.1:${taken} is already in use`);
      const after = await call('getState', {});
      expect(after.profile.name).toBe('First');
      expect(after.proxy.url).toBe(before.proxy.url);
      expect((await servedBy(after.proxy.url, 2)).length).toBe(2);
      expect(store.profiles.active()?.name).toBe('First');
    } finally {
      blocker.close();
    }
  });

  it('edits the active profile in place when the listener stays: new weights and presets apply at once', async () => {
    const current = (await call('getProfile', {})).profile;
    const url = (await call('getState', {})).proxy.url;
    await call('updateProfile', { name: 'First', profile: { ...current, environments: current.environments.map((env) => ({ ...env, weight: env.name === 'blue' ? 100 : 0 })) } });
    const state = await call('getState', {});
    expect(state.proxy.url).toBe(url);
    expect(tally(await servedBy(url, 3))).toEqual({ blue: 3 });
  });

  it('moves the active profile to proxy worker processes and back on the same address; a request in flight finishes', async () => {
    const current = (await call('getProfile', {})).profile;
    const url = (await call('getState', {})).proxy.url;
    const idle = await idleKeptAlive(url);
    const inFlight = (await startInFlight(`${url}/slow`, [blue, green])).response;
    const handedOver = Date.now();
    await call('updateProfile', { name: 'First', profile: { ...current, dataPlane: { kind: 'embedded', workers: 2 } } });
    let state = await call('getState', {});
    expect(state.proxy.url).toBe(url);
    expect(state.profile.dataPlane?.workers).toBe(2);
    expect((await inFlight).status).toBe(200);
    // The kept-alive connection gets one more answer from the old listener (with Connection: close),
    // no error; the client's next connection lands on a worker, whose round robin alternates.
    expect(await servedBy(url, 1)).toEqual([expect.stringMatching(/^(blue|green)$/)]);
    expect(tally(await servedByOnOneConnection(url, 4))).toEqual({ blue: 2, green: 2 });
    expect(store.profiles.active()?.dataPlane).toEqual({ kind: 'embedded', workers: 2 });
    // An idle kept-alive connection to the old listener is left alone for a while (no race
    // with its client's next request), then closed: not kept for the 75 s of the setting.
    await idle.closed;
    expect(Date.now() - handedOver).toBeGreaterThanOrEqual(HAND_OVER_IDLE_MS);
    await call('updateProfile', { name: 'First', profile: { ...current, dataPlane: { kind: 'embedded' } } });
    state = await call('getState', {});
    expect([state.proxy.url, state.profile.dataPlane?.workers]).toEqual([url, 1]);
    expect((await servedBy(url, 2)).length).toBe(2);
  }, 30_000);

  it('applies, saves and deletes presets, recording each change with its source', async () => {
    const presets = await call('listPresets', {});
    expect(presets.filter((p) => p.builtIn).map((p) => p.name)).toEqual(['100:0', '75:25', '50:50', '25:75', '0:100']);
    await call('applyPreset', { name: '75:25' }, 'tray');
    expect(await weights()).toEqual({ blue: 75, green: 25 });
    await call('savePreset', { name: 'canary', weights: { blue: 90, green: 10 } }, 'cli');
    await call('applyPreset', { name: 'canary' }, 'api');
    expect(tally(await servedBy((await call('getState', {})).proxy.url, 10))).toEqual({ blue: 9, green: 1 });
    expect((await call('getState', {})).presets.at(-1)).toEqual({ name: 'canary', weights: { blue: 90, green: 10 }, builtIn: false });
    await expect(call('savePreset', { name: '50:50' })).rejects.toMatchObject({ code: 'INVALID_INPUT' });
    await expect(call('deletePreset', { name: '100:0' })).rejects.toMatchObject({ code: 'CONFLICT' });
    await call('deletePreset', { name: 'canary' });
    expect(store.profiles.active()?.presets).toEqual([]);
    const kinds = (await call('getHistory', {})).entries.map((e) => [e.kind, e.action, e.source]);
    expect(kinds.slice(0, 4)).toEqual([
      ['preset', 'delete', 'window'],
      ['ratio', 'preset canary', 'api'],
      ['preset', 'save', 'cli'],
      ['ratio', 'preset 75:25', 'tray'],
    ]);
  });

  it('undo walks back ratio changes one by one, each undo its own entry', async () => {
    await call('setRatio', { weights: { blue: 70, green: 30 } });
    await call('setRatio', { weights: { blue: 10, green: 90 } });
    expect((await call('getState', {})).canUndo).toBe(true);
    await call('undo', {}, 'cli');
    expect(await weights()).toEqual({ blue: 70, green: 30 });
    await call('undo', {});
    expect(await weights()).toEqual({ blue: 50, green: 50 });
    expect((await call('getState', {})).canUndo).toBe(false);
    await expect(call('undo', {})).rejects.toMatchObject({ code: 'CONFLICT' });
    const [last] = (await call('getHistory', { kind: 'undo', limit: 1 })).entries;
    expect(last).toMatchObject({ kind: 'undo', before: { blue: 70, green: 30 }, after: { blue: 50, green: 50 } });
  });

  it('pages history newest first and announces each entry as an event', async () => {
    const heard: number[] = [];
    const off = control.events.on('history', (entry) => heard.push(entry.id));
    for (const blueWeight of [10, 20, 30, 40, 60]) await call('setRatio', { weights: { blue: blueWeight, green: 100 - blueWeight } });
    off();
    const first = await call('getHistory', { limit: 2 });
    const second = await call('getHistory', { limit: 2, before: first.nextBefore! });
    expect(first.entries.map((e) => (e.after as Record<string, number>).blue)).toEqual([60, 40]);
    expect(second.entries.map((e) => (e.after as Record<string, number>).blue)).toEqual([30, 20]);
    expect(heard).toHaveLength(5);
    expect(heard.at(-1)).toBe(first.entries[0]!.id);
  });

  it('refuses to delete the active profile; duplicates, renames and deletes others', async () => {
    await expect(call('deleteProfile', { name: 'First' })).rejects.toMatchObject({ code: 'CONFLICT' });
    await call('duplicateProfile', { name: 'First', newName: 'Copy' });
    const copy = (await call('getProfile', { name: 'Copy' })).profile;
    await call('updateProfile', { name: 'Copy', profile: { ...copy, name: 'Renamed' } });
    expect((await call('listProfiles', {})).map((p) => [p.name, p.active])).toEqual([
      ['First', true],
      ['Renamed', false],
    ]);
    await call('deleteProfile', { name: 'Renamed' });
    expect((await call('getState', {})).profileNames).toEqual(['First']);
  });

  it('exports and re-imports profiles; a file with one bad profile imports nothing', async () => {
    await call('duplicateProfile', { name: 'First', newName: 'Other' });
    const file = await call('exportProfiles', {});
    expect(file).toMatchObject({ format: 'turnout-profiles', version: 1 });
    await call('deleteProfile', { name: 'Other' });
    const good = file.profiles.find((p) => p.name === 'Other')!;
    const bad = { ...good, name: 'Bad', environments: [good.environments[0]!] };
    await expect(call('importProfiles', { file: { ...file, profiles: [good, bad] } })).rejects.toThrow(/file\.profiles\.1\.environments: needs at least two environments/);
    expect((await call('listProfiles', {})).map((p) => p.name)).toEqual(['First']);
    await expect(call('importProfiles', { file })).rejects.toMatchObject({ code: 'CONFLICT' });
    await expect(call('importProfiles', { file, overwrite: true })).rejects.toThrow(/active profile "First"/);
    expect(await call('importProfiles', { file: { ...file, profiles: [good] } })).toEqual({ imported: ['Other'] });
    expect(store.profiles.get('Other')).toEqual(good);
  });
});
