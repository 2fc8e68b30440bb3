import { pauseSettingsSchema, type PauseSettings } from '../../../shared/domain/pause';
import type { SqliteDatabase } from './database';

const KEY = 'pause';

/** The proxy's pause, kept so a restart comes back paused the same way (control/pause.ts). */
export class PauseRepository {
  constructor(private readonly db: SqliteDatabase) {}

  /** The stored pause; a value this Turnout cannot read is refused, never taken for "not paused". */
  get(): PauseSettings | null {
    const row = this.db.prepare<[string], { value: string }>('SELECT value FROM runtime_state WHERE key = ?').get(KEY);
    if (!row) return null;
    const parsed = pauseSettingsSchema.safeParse(JSON.parse(row.value));
    if (!parsed.success) throw new Error(`the stored pause is unreadable (${parsed.error.issues[0]?.message}); resume with \`turnout resume\` to clear it`);
    return parsed.data;
  }

  set(pause: PauseSettings | null): void {
    if (pause === null) this.db.prepare('DELETE FROM runtime_state WHERE key = ?').run(KEY);
    else this.db.prepare('INSERT INTO runtime_state (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value').run(KEY, JSON.stringify(pause));
  }
}
