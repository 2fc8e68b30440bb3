import { promises as fs } from 'node:fs';

/**
 * The access log: records appended to a file as JSON lines, in batches (the inspector's
 * flush), one write at a time. Past `maxBytes` the file is renamed to `<file>.1` (replacing
 * the previous one) and a new one started, so the log never takes more than twice the cap.
 */
export class AccessLog {
  private size: number | undefined;
  private writing: Promise<void> = Promise.resolve();
  /** The last write's failure, for the status line (a full disk must not stop the proxy). */
  problem: string | null = null;

  constructor(
    readonly file: string,
    private readonly maxBytes: number,
  ) {}

  append(lines: string[]): Promise<void> {
    if (lines.length === 0) return this.writing;
    this.writing = this.writing.then(() => this.write(lines));
    return this.writing;
  }

  /** Resolves once everything appended so far is on disk. */
  flushed(): Promise<void> {
    return this.writing;
  }

  /** Appends line by line up to the cap, rotating in between: a file never grows past it (a single longer line aside). */
  private async write(lines: string[]): Promise<void> {
    try {
      let size = (this.size ??= await fs.stat(this.file).then((stat) => stat.size, () => 0));
      let chunk = '';
      for (const line of lines) {
        const text = `${line}\n`;
        const bytes = Buffer.byteLength(text);
        if (size > 0 && size + bytes > this.maxBytes) {
          if (chunk) await fs.appendFile(this.file, chunk);
          await fs.rename(this.file, `${this.file}.1`);
          chunk = '';
          size = 0;
        }
        chunk += text;
        size += bytes;
      }
      if (chunk) await fs.appendFile(this.file, chunk);
      this.size = size;
      this.problem = null;
    } catch (error) {
      this.size = undefined;
      this.problem = `access log ${this.file}: ${(error as Error).message}`;
    }
  }
}
