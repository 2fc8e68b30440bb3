import { profileSchema, type Profile } from '../../../shared/domain/profile';
import type { Weights } from '../../../shared/domain/ratio';
import type { SqliteDatabase } from './database';

interface ProfileRow {
  id: number;
  name: string;
  listen: string;
  routing: string;
  demo: number;
  is_active: number;
  settings: string;
  updated_at: string;
}

interface EnvironmentRow {
  name: string;
  color: string;
  url: string;
  weight: number;
  settings: string;
}

export interface StoredProfile {
  profile: Profile;
  active: boolean;
  updatedAt: string;
}

const COLUMNS = 'id, name, listen, routing, demo, is_active, settings, updated_at';

/**
 * Profiles with their environments and presets. Every write is one transaction and every
 * profile is validated before it is written, so a reader only ever sees whole, valid ones.
 */
export class ProfileRepository {
  constructor(private readonly db: SqliteDatabase) {}

  active(): Profile | undefined {
    const row = this.db.prepare<[], ProfileRow>(`SELECT ${COLUMNS} FROM profiles WHERE is_active = 1`).get();
    return row ? this.load(row) : undefined;
  }

  get(name: string): Profile | undefined {
    const row = this.db.prepare<[string], ProfileRow>(`SELECT ${COLUMNS} FROM profiles WHERE name = ?`).get(name);
    return row ? this.load(row) : undefined;
  }

  /** Every profile, by name. */
  list(): StoredProfile[] {
    return this.db
      .prepare<[], ProfileRow>(`SELECT ${COLUMNS} FROM profiles ORDER BY name COLLATE NOCASE, name`)
      .all()
      .map((row) => ({ profile: this.load(row), active: row.is_active === 1, updatedAt: row.updated_at }));
  }

  names(): string[] {
    return this.db.prepare<[], { name: string }>('SELECT name FROM profiles ORDER BY name COLLATE NOCASE, name').all().map((row) => row.name);
  }

  /** Creates or replaces the profile of that name and makes it the active one. */
  saveActive(profile: Profile): void {
    const valid = profileSchema.parse(profile);
    this.db.transaction(() => {
      this.db.prepare('UPDATE profiles SET is_active = 0 WHERE is_active = 1').run();
      const existing = this.db.prepare<[string], { id: number }>('SELECT id FROM profiles WHERE name = ?').get(valid.name);
      const id = existing ? this.update(existing.id, valid) : this.insert(valid);
      this.db.prepare('UPDATE profiles SET is_active = 1 WHERE id = ?').run(id);
    })();
  }

  /** Adds a profile (not active); the caller has checked the name is free. */
  create(profile: Profile): void {
    const valid = profileSchema.parse(profile);
    this.db.transaction(() => this.insert(valid))();
  }

  /** Replaces the named profile; `profile.name` may differ (a rename). */
  replace(name: string, profile: Profile): void {
    const valid = profileSchema.parse(profile);
    this.db.transaction(() => {
      const row = this.db.prepare<[string], { id: number }>('SELECT id FROM profiles WHERE name = ?').get(name);
      if (!row) throw new Error(`no profile named "${name}"`);
      this.update(row.id, valid);
    })();
  }

  /** Writes many profiles in one transaction: all of them or, on any error, none. */
  putMany(profiles: readonly Profile[]): void {
    const valid = profiles.map((profile) => profileSchema.parse(profile));
    this.db.transaction(() => {
      for (const profile of valid) {
        const existing = this.db.prepare<[string], { id: number }>('SELECT id FROM profiles WHERE name = ?').get(profile.name);
        if (existing) this.update(existing.id, profile);
        else this.insert(profile);
      }
    })();
  }

  delete(name: string): void {
    this.db.prepare('DELETE FROM profiles WHERE name = ? AND is_active = 0').run(name);
  }

  setActive(name: string): void {
    this.db.transaction(() => {
      this.db.prepare('UPDATE profiles SET is_active = 0 WHERE is_active = 1').run();
      this.db.prepare('UPDATE profiles SET is_active = 1 WHERE name = ?').run(name);
    })();
  }

  /** Stores new weights for the named profile's environments (already validated by the caller). */
  saveWeights(profileName: string, weights: Weights): void {
    this.db.transaction(() => {
      const update = this.db.prepare(
        'UPDATE environments SET weight = ? WHERE name = ? AND profile_id = (SELECT id FROM profiles WHERE name = ?)',
      );
      for (const [name, weight] of Object.entries(weights)) update.run(weight, name, profileName);
      this.db.prepare('UPDATE profiles SET updated_at = ? WHERE name = ?').run(new Date().toISOString(), profileName);
    })();
  }

  private insert(profile: Profile): number {
    const { id } = this.db
      .prepare<[string, string, string, number, string, string], { id: number }>(
        'INSERT INTO profiles (name, listen, routing, demo, settings, updated_at) VALUES (?, ?, ?, ?, ?, ?) RETURNING id',
      )
      .get(profile.name, profile.listen, profile.routing, profile.demo ? 1 : 0, settingsOf(profile), new Date().toISOString())!;
    this.writeChildren(id, profile);
    return id;
  }

  private update(id: number, profile: Profile): number {
    this.db
      .prepare('UPDATE profiles SET name = ?, listen = ?, routing = ?, demo = ?, settings = ?, updated_at = ? WHERE id = ?')
      .run(profile.name, profile.listen, profile.routing, profile.demo ? 1 : 0, settingsOf(profile), new Date().toISOString(), id);
    this.db.prepare('DELETE FROM environments WHERE profile_id = ?').run(id);
    this.db.prepare('DELETE FROM presets WHERE profile_id = ?').run(id);
    this.writeChildren(id, profile);
    return id;
  }

  private writeChildren(id: number, profile: Profile): void {
    const env = this.db.prepare('INSERT INTO environments (profile_id, position, name, color, url, weight, settings) VALUES (?, ?, ?, ?, ?, ?, ?)');
    profile.environments.forEach((e, position) => env.run(id, position, e.name, e.color, e.url, e.weight, JSON.stringify({ health: e.health, tls: e.tls, run: e.run, compose: e.compose })));
    const preset = this.db.prepare('INSERT INTO presets (profile_id, position, name, weights) VALUES (?, ?, ?, ?)');
    profile.presets.forEach((p, position) => preset.run(id, position, p.name, JSON.stringify(p.weights)));
  }

  private load(row: ProfileRow): Profile {
    const environments = this.db
      .prepare<[number], EnvironmentRow>('SELECT name, color, url, weight, settings FROM environments WHERE profile_id = ? ORDER BY position')
      .all(row.id)
      .map(({ settings, ...env }) => ({ ...(JSON.parse(settings) as object), ...env }));
    const presets = this.db
      .prepare<[number], { name: string; weights: string }>('SELECT name, weights FROM presets WHERE profile_id = ? ORDER BY position')
      .all(row.id)
      .map((preset) => ({ name: preset.name, weights: JSON.parse(preset.weights) as Weights }));
    const settings = JSON.parse(row.settings) as object;
    return profileSchema.parse({ ...settings, name: row.name, listen: row.listen, routing: row.routing, demo: row.demo === 1, environments, presets });
  }
}

/** Settings without columns of their own, kept as validated JSON. */
function settingsOf(profile: Profile): string {
  return JSON.stringify({ proxy: profile.proxy, restoreWeights: profile.restoreWeights, dataPlane: profile.dataPlane, update: profile.update, tls: profile.tls });
}
