import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { StoreError } from '../../electron/core/store/database';
import { MIGRATIONS, SCHEMA_VERSION } from '../../electron/core/store/migrations';
import { Store } from '../../electron/core/store/store';
import { DEMO_PROFILE, profileSchema, type Profile } from '../../shared/domain/profile';
import { makeTempDir } from '../support/temp-dir';

const local: Profile = profileSchema.parse({
  name: 'Local',
  listen: '127.0.0.1:9000',
  routing: 'round-robin',
  demo: false,
  environments: [
    { name: 'blue', color: '#2f6fed', url: 'http://127.0.0.1:3001', weight: 70 },
    { name: 'green', color: '#1f9d55', url: 'http://127.0.0.1:3002', weight: 30, health: { path: '/healthz', rise: 3 } },
  ],
});

describe('store', () => {
  let temp: ReturnType<typeof makeTempDir>;
  let file: string;
  beforeEach(() => {
    temp = makeTempDir();
    file = path.join(temp.dir, 'nested', 'turnout.db');
  });
  afterEach(() => temp.cleanup());

  it('creates a WAL database at the current schema version', () => {
    Store.open(file).close();
    const db = new Database(file, { readonly: true });
    expect(db.pragma('user_version', { simple: true })).toBe(SCHEMA_VERSION);
    expect(db.pragma('journal_mode', { simple: true })).toBe('wal');
    db.close();
  });

  it('keeps the active profile and its weights across a restart', () => {
    const first = Store.open(file);
    expect(first.profiles.active()).toBeUndefined();
    first.profiles.saveActive(local);
    first.profiles.saveWeights('Local', { blue: 10, green: 90 });
    first.close();

    const second = Store.open(file);
    const profile = second.profiles.active()!;
    expect(profile.listen).toBe('127.0.0.1:9000');
    expect(profile.environments[1]!.health).toMatchObject({ path: '/healthz', rise: 3, fall: 3 });
    expect(profile.environments.map((env) => [env.name, env.url, env.weight])).toEqual([
      ['blue', 'http://127.0.0.1:3001', 10],
      ['green', 'http://127.0.0.1:3002', 90],
    ]);
    second.close();
  });

  it('switches the active profile and keeps the others', () => {
    const store = Store.open(file);
    store.profiles.saveActive(DEMO_PROFILE);
    store.profiles.saveActive(local);
    expect(store.profiles.active()?.name).toBe('Local');
    store.profiles.saveActive(DEMO_PROFILE);
    expect(store.profiles.active()?.name).toBe('Demo');
    store.close();
  });

  it('refuses an invalid profile and stores nothing of it', () => {
    const store = Store.open(file);
    store.profiles.saveActive(local);
    const broken = { ...local, environments: [{ ...local.environments[0]!, weight: 70 }, { ...local.environments[1]!, url: 'ftp://x' }] };
    expect(() => store.profiles.saveActive(broken)).toThrow();
    expect(store.profiles.active()).toEqual(local);
    store.close();
  });

  it('records history entries newest first', () => {
    const store = Store.open(file);
    store.history.record({ source: 'cli', kind: 'ratio', profile: 'Local', before: { blue: 50, green: 50 }, after: { blue: 0, green: 100 } });
    store.history.record({ source: 'window', kind: 'ratio', profile: 'Local', before: { blue: 0, green: 100 }, after: { blue: 100, green: 0 } });
    const [latest, earlier] = store.history.recent();
    expect(latest).toMatchObject({ source: 'window', after: { blue: 100, green: 0 } });
    expect(earlier).toMatchObject({ source: 'cli', before: { blue: 50, green: 50 } });
    store.close();
  });

  it.each(Array.from({ length: SCHEMA_VERSION }, (_, version) => version + 1))(
    'migrates a database written at schema %i to the current one, keeping its profile',
    (version) => {
      fs.mkdirSync(path.dirname(file), { recursive: true });
      const old = new Database(file);
      for (const migration of MIGRATIONS.slice(0, version)) old.exec(migration);
      old.pragma(`user_version = ${version}`);
      const { id } = old
        .prepare<[], { id: number }>("INSERT INTO profiles (name, listen, routing, demo, is_active, updated_at) VALUES ('Old', '127.0.0.1:9100', 'round-robin', 0, 1, 'then') RETURNING id")
        .get()!;
      const insert = old.prepare('INSERT INTO environments (profile_id, position, name, color, url, weight) VALUES (?, ?, ?, ?, ?, ?)');
      insert.run(id, 0, 'blue', '#2f6fed', 'http://127.0.0.1:3001', 40);
      insert.run(id, 1, 'green', '#1f9d55', 'http://127.0.0.1:3002', 60);
      old.prepare("INSERT INTO history (at, source, kind, profile, before, after) VALUES ('then', 'cli', 'ratio', 'Old', '{\"blue\":50,\"green\":50}', '{\"blue\":40,\"green\":60}')").run();
      old.close();

      const store = Store.open(file);
      const profile = store.profiles.active()!;
      expect(profile.name).toBe('Old');
      expect(profile.environments.map((env) => env.weight)).toEqual([40, 60]);
      expect(profile.environments[0]!.health.fall).toBe(3);
      expect(profile.presets).toEqual([]);
      expect(profile.restoreWeights).toBeNull();
      expect(store.history.recent()).toMatchObject([{ kind: 'ratio', source: 'cli', action: '', after: { blue: 40, green: 60 } }]);
      // The old ratio change is still undoable after the migration.
      expect(store.history.lastUndoable('Old')?.before).toEqual({ blue: 50, green: 50 });
      store.close();
      const reopened = new Database(file, { readonly: true });
      expect(reopened.pragma('user_version', { simple: true })).toBe(SCHEMA_VERSION);
      reopened.close();
    },
  );

  it('refuses a file that is not a database and leaves it untouched', () => {
    fs.mkdirSync(path.dirname(file), { recursive: true });
    const junk = Buffer.from('this is not sqlite, but someone cares about it\n'.repeat(200));
    fs.writeFileSync(file, junk);
    expect(() => Store.open(file)).toThrow(StoreError);
    expect(() => Store.open(file)).toThrow(/not a readable Turnout database.*left untouched/);
    expect(fs.readFileSync(file).equals(junk)).toBe(true);
    expect(fs.existsSync(`${file}-wal`)).toBe(false);
  });

  it('refuses a database from a newer Turnout and leaves it untouched', () => {
    Store.open(file).close();
    const db = new Database(file);
    db.pragma(`user_version = ${SCHEMA_VERSION + 5}`);
    db.pragma('journal_mode = DELETE');
    db.close();
    const before = fs.readFileSync(file);
    let error: unknown;
    try {
      Store.open(file);
    } catch (caught) {
      error = caught;
    }
    expect(error).toBeInstanceOf(StoreError);
    expect((error as StoreError).kind).toBe('newer');
    expect((error as Error).message).toContain(file);
    expect(fs.readFileSync(file).equals(before)).toBe(true);
  });
});
