import path from 'node:path';
import Database from 'better-sqlite3';
import { MIGRATIONS, SCHEMA_VERSION } from './migrations';
import { StoreError } from './store-error';
import { makeDirectory } from '../make-directory';

export { StoreError, type StoreErrorKind } from './store-error';

export type SqliteDatabase = Database.Database;

export interface OpenOptions {
  /** A prebuilt better-sqlite3 addon, e.g. the Electron-ABI build the desktop app ships. */
  nativeBinding?: string;
}

/**
 * Opens (or creates) the database in WAL mode and migrates it. A file that is not a
 * database, fails its integrity check, or comes from a newer Turnout is refused with a
 * StoreError before anything is written to it.
 */
export function openDatabase(file: string, options: OpenOptions = {}): SqliteDatabase {
  makeDirectory(path.dirname(file));
  let db: SqliteDatabase | undefined;
  try {
    db = new Database(file, options.nativeBinding ? { nativeBinding: options.nativeBinding } : {});
    // Read-only checks first: none of these write to a file we might have to refuse.
    const version = db.pragma('user_version', { simple: true }) as number;
    if (version > SCHEMA_VERSION) {
      throw new StoreError('newer', file, `${file} was written by a newer Turnout (schema ${version}, this one knows ${SCHEMA_VERSION}); it was left untouched. Update Turnout or start with another --db file.`);
    }
    const check = db.pragma('quick_check', { simple: true });
    if (check !== 'ok') throw new StoreError('corrupt', file, `${file} failed its integrity check (${String(check)}); it was left untouched. Start with another --db file.`);
    db.pragma('journal_mode = WAL');
    db.pragma('synchronous = NORMAL');
    db.pragma('foreign_keys = ON');
    db.pragma('busy_timeout = 2000');
    migrate(db, version);
    return db;
  } catch (error) {
    db?.close();
    if (error instanceof StoreError) throw error;
    const code = (error as { code?: string }).code ?? '';
    if (code === 'SQLITE_NOTADB' || code === 'SQLITE_CORRUPT') {
      throw new StoreError('corrupt', file, `${file} is not a readable Turnout database (${code}); it was left untouched. Start with another --db file.`);
    }
    throw new StoreError('unreadable', file, `cannot open ${file}: ${(error as Error).message}`);
  }
}

/**
 * Where to start afresh when `file` is refused and the user asks for it: a sibling
 * "<name>.fresh.db". A fixed name (not a timestamp) so the next start with the same choice
 * finds the profiles made meanwhile; the refused file is never touched.
 */
export function freshDatabaseFile(file: string): string {
  const ext = path.extname(file);
  return path.join(path.dirname(file), `${path.basename(file, ext)}.fresh${ext || '.db'}`);
}

function migrate(db: SqliteDatabase, from: number): void {
  for (let version = from; version < SCHEMA_VERSION; version++) {
    // One transaction per step: a crash mid-migration leaves the previous version intact.
    db.transaction(() => {
      db.exec(MIGRATIONS[version]!);
      db.pragma(`user_version = ${version + 1}`);
    })();
  }
}
