export type StoreErrorKind = 'corrupt' | 'newer' | 'unreadable';

/**
 * Opening refused; the file is left exactly as it was. Apart from database.ts so the CLI
 * can recognise it without loading better-sqlite3 (`turnout status` never opens a database).
 */
export class StoreError extends Error {
  override name = 'StoreError';
  constructor(
    readonly kind: StoreErrorKind,
    readonly file: string,
    message: string,
  ) {
    super(message);
  }
}
