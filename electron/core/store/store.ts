import { openDatabase, type OpenOptions, type SqliteDatabase } from './database';
import { FlowRepository } from './flow-repository';
import { HistoryRepository } from './history-repository';
import { PauseRepository } from './pause-repository';
import { ProfileRepository } from './profile-repository';

/** The store: the only door to SQLite. */
export class Store {
  readonly profiles: ProfileRepository;
  readonly history: HistoryRepository;
  readonly flows: FlowRepository;
  readonly pause: PauseRepository;

  private constructor(
    private readonly db: SqliteDatabase,
    /** The file actually opened (see openStore's fresh-file fallback). */
    readonly file: string,
  ) {
    this.profiles = new ProfileRepository(db);
    this.history = new HistoryRepository(db);
    this.flows = new FlowRepository(db);
    this.pause = new PauseRepository(db);
  }

  static open(file: string, options: OpenOptions = {}): Store {
    return new Store(openDatabase(file, options), file);
  }

  /**
   * Runs `work` in one transaction: a change and its history entry are written together
   * or not at all. Nests (better-sqlite3 turns inner transactions into savepoints).
   */
  transaction<T>(work: () => T): T {
    return this.db.transaction(work)();
  }

  close(): void {
    if (this.db.open) this.db.close();
  }
}
