import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { Store } from '../../electron/core/store/store';
import { profileSchema, type Profile } from '../../shared/domain/profile';
import { makeTempDir } from '../support/temp-dir';

const profile = (name: string, extra: object = {}): Profile =>
  profileSchema.parse({
    name,
    listen: '127.0.0.1:9000',
    routing: 'round-robin',
    demo: false,
    environments: [
      { name: 'blue', color: '#2f6fed', url: 'http://127.0.0.1:3001', weight: 70 },
      { name: 'green', color: '#1f9d55', url: 'http://127.0.0.1:3002', weight: 30 },
    ],
    ...extra,
  });

describe('store: many profiles, presets, history', () => {
  let temp: ReturnType<typeof makeTempDir>;
  let file: string;
  let store: Store;
  beforeEach(() => {
    temp = makeTempDir();
    file = path.join(temp.dir, 'turnout.db');
    store = Store.open(file);
  });
  afterEach(() => {
    store.close();
    temp.cleanup();
  });

  it('keeps the HTTPS settings across a reopen (stored as validated JSON with the other settings)', () => {
    const secure = profile('Secure', { tls: { enabled: true, names: ['app.test'], redirectHttpPort: 8080, certFile: '/etc/x.crt', keyFile: '/etc/x.key' } });
    store.profiles.create(secure);
    store.close();
    store = Store.open(file);
    expect(store.profiles.get('Secure')!.tls).toEqual({ enabled: true, names: ['app.test'], redirectHttpPort: 8080, certFile: '/etc/x.crt', keyFile: '/etc/x.key' });
  });

  it('keeps presets in order and the restore ratio across a reopen', () => {
    const withPresets = profile('Local', {
      presets: [
        { name: 'canary', weights: { blue: 95, green: 5 } },
        { name: 'half', weights: { blue: 50, green: 50 } },
      ],
      restoreWeights: { blue: 70, green: 30 },
    });
    store.profiles.saveActive(withPresets);
    store.close();
    store = Store.open(file);
    expect(store.profiles.active()).toEqual(withPresets);
  });

  it('refuses presets that do not fit the environments', () => {
    expect(() => profile('Bad', { presets: [{ name: 'x', weights: { blue: 50, red: 50 } }] })).toThrow(/unknown environment/);
    expect(() => profile('Bad', { restoreWeights: { blue: 50, green: 40 } })).toThrow(/sum to 100/);
  });

  it('creates, renames and deletes profiles; never deletes the active one', () => {
    store.profiles.saveActive(profile('Active'));
    store.profiles.create(profile('Spare'));
    store.profiles.replace('Spare', profile('Renamed'));
    expect(store.profiles.names()).toEqual(['Active', 'Renamed']);
    store.profiles.delete('Active');
    store.profiles.delete('Renamed');
    expect(store.profiles.list().map((p) => [p.profile.name, p.active])).toEqual([['Active', true]]);
  });

  it('writes many profiles all or nothing', () => {
    const broken = { ...profile('Two'), environments: [] } as unknown as Profile;
    expect(() => store.profiles.putMany([profile('One'), broken])).toThrow();
    expect(store.profiles.names()).toEqual([]);
    store.profiles.putMany([profile('One'), profile('Two')]);
    expect(store.profiles.names()).toEqual(['One', 'Two']);
  });

  it('pages history newest first with a cursor, filtered by profile and kind', () => {
    for (let i = 1; i <= 5; i++) store.history.record({ source: 'cli', kind: 'ratio', profile: i % 2 ? 'A' : 'B', before: i - 1, after: i });
    store.history.record({ source: 'auto', kind: 'health', profile: 'A', action: 'down', before: 'up', after: 'down' });
    const first = store.history.page({ limit: 2, profile: 'A', kind: 'ratio' });
    expect(first.entries.map((e) => e.after)).toEqual([5, 3]);
    const second = store.history.page({ limit: 2, profile: 'A', kind: 'ratio', before: first.nextBefore! });
    expect(second).toMatchObject({ entries: [{ after: 1 }], nextBefore: null });
    expect(store.history.page({ limit: 1 }).entries[0]).toMatchObject({ kind: 'health', action: 'down', source: 'auto' });
  });

  it('finds the last ratio change no undo has taken back', () => {
    const a = store.history.record({ source: 'window', kind: 'ratio', profile: 'P', before: 'w0', after: 'w1' });
    const b = store.history.record({ source: 'window', kind: 'ratio', profile: 'P', before: 'w1', after: 'w2' });
    expect(store.history.lastUndoable('P')?.id).toBe(b.id);
    store.history.record({ source: 'window', kind: 'undo', profile: 'P', before: 'w2', after: 'w1', ref: b.id });
    expect(store.history.lastUndoable('P')?.id).toBe(a.id);
    expect(store.history.lastUndoable('Q')).toBeUndefined();
  });
});
