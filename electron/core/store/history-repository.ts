import type { HistoryEntry, HistoryKind, HistoryPage } from '../../../shared/contract/history';
import type { ChangeSource } from '../../../shared/contract/state';
import type { SqliteDatabase } from './database';

export interface NewHistoryEntry {
  source: ChangeSource;
  kind: HistoryKind;
  profile: string;
  /** What exactly happened within the kind; "" when the kind says it all. */
  action?: string;
  before: unknown;
  after: unknown;
  /** For an undo: the id of the entry it took back. */
  ref?: number;
}

export interface HistoryQuery {
  limit: number;
  before?: number;
  profile?: string;
  kind?: string;
}

/** A stored entry: before/after are still JSON text. */
type HistoryRow = Omit<HistoryEntry, 'before' | 'after'> & { before: string | null; after: string | null };

const COLUMNS = 'id, at, source, kind, profile, action, before, after';

/** An append-only log of what changed, when, and who asked. */
export class HistoryRepository {
  constructor(private readonly db: SqliteDatabase) {}

  record(entry: NewHistoryEntry): HistoryEntry {
    const row = this.db
      .prepare<[string, string, string, string, string, string, string, number | null], HistoryRow>(
        `INSERT INTO history (at, source, kind, profile, action, before, after, ref) VALUES (?, ?, ?, ?, ?, ?, ?, ?) RETURNING ${COLUMNS}`,
      )
      .get(new Date().toISOString(), entry.source, entry.kind, entry.profile, entry.action ?? '', JSON.stringify(entry.before ?? null), JSON.stringify(entry.after ?? null), entry.ref ?? null)!;
    return toEntry(row);
  }

  /** Newest first, `limit` at a time; `before` is the id the previous page ended at. */
  page(query: HistoryQuery): HistoryPage {
    const where: string[] = [];
    const params: (string | number)[] = [];
    const filter = (clause: string, value: string | number | undefined): void => {
      if (value === undefined) return;
      where.push(clause);
      params.push(value);
    };
    filter('id < ?', query.before);
    filter('profile = ?', query.profile);
    filter('kind = ?', query.kind);
    const sql = `SELECT ${COLUMNS} FROM history ${where.length ? `WHERE ${where.join(' AND ')}` : ''} ORDER BY id DESC LIMIT ?`;
    // One row more than asked tells whether an older page exists.
    const rows = this.db.prepare<(string | number)[], HistoryRow>(sql).all(...params, query.limit + 1);
    const entries = rows.slice(0, query.limit).map(toEntry);
    return { entries, nextBefore: rows.length > query.limit ? entries[entries.length - 1]!.id : null };
  }

  recent(limit = 50): HistoryEntry[] {
    return this.page({ limit }).entries;
  }

  /** The newest ratio change of the profile that no undo has taken back yet. */
  lastUndoable(profile: string): HistoryEntry | undefined {
    const row = this.db
      .prepare<[string], HistoryRow>(
        `SELECT ${COLUMNS} FROM history h WHERE profile = ? AND kind = 'ratio'
         AND NOT EXISTS (SELECT 1 FROM history u WHERE u.ref = h.id AND u.kind = 'undo') ORDER BY id DESC LIMIT 1`,
      )
      .get(profile);
    return row ? toEntry(row) : undefined;
  }
}

function toEntry(row: HistoryRow): HistoryEntry {
  return { ...row, before: parse(row.before), after: parse(row.after) };
}

function parse(text: string | null): unknown {
  return text === null ? null : (JSON.parse(text) as unknown);
}
