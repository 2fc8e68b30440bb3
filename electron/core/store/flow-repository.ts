import type { SqliteDatabase } from './database';

/**
 * The running guided update of each profile, as the step machine's state in JSON. Written
 * with every transition (in the transaction of the ratio it sets), removed when the update
 * ends; read once at start to resume it. The store does not look inside: the flow module
 * owns the shape and checks what it reads back.
 */
export class FlowRepository {
  constructor(private readonly db: SqliteDatabase) {}

  save(profile: string, state: unknown): void {
    this.db
      .prepare<[string, string, string]>('INSERT INTO update_flows (profile, state, updated_at) VALUES (?, ?, ?) ON CONFLICT (profile) DO UPDATE SET state = excluded.state, updated_at = excluded.updated_at')
      .run(profile, JSON.stringify(state), new Date().toISOString());
  }

  load(profile: string): unknown {
    const row = this.db.prepare<[string], { state: string }>('SELECT state FROM update_flows WHERE profile = ?').get(profile);
    return row === undefined ? undefined : JSON.parse(row.state);
  }

  clear(profile: string): void {
    this.db.prepare<[string]>('DELETE FROM update_flows WHERE profile = ?').run(profile);
  }
}
