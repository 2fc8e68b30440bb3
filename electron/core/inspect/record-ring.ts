import v8 from 'node:v8';
import type { RawRecord } from './raw-record';
import { FIRST_LOG_BYTES, RecordColumns } from './record-columns';

/**
 * Kept body text the ring may hold over all its records: 256 Mi characters (one byte each for
 * ASCII text and base64; two for other text), and never more than an eighth of this process's
 * heap limit: bodies are the one part of a record on the JS heap, and `turnout serve` runs
 * with a 1 GB heap (bin/turnout.js), where 256 Mi two-byte characters would be half of it.
 */
export const BODY_BUDGET_CHARS = Math.min(256 * 1024 * 1024, Math.floor(v8.getHeapStatistics().heap_size_limit / 8));

/** A stored record and its position since start (made when read: the ring keeps no objects per record). */
export interface Stored {
  seq: number;
  raw: RawRecord;
}

/**
 * A fixed-size ring of records: adding is O(1); when full, the oldest goes. `seq` numbers
 * every record ever added, so a reader can ask for "everything after N" and learn what it
 * missed. A slot's seq follows from its distance to the newest. Records are stored as columns
 * outside the JS heap (record-columns.ts) and rebuilt as objects when read.
 */
export class RecordRing {
  private columns: RecordColumns;
  private next = 0;
  private count = 0;
  /** The seq of the newest record (0: none yet). */
  last = 0;
  /** Characters of kept body text in the ring, and the oldest seq that may still hold some. */
  private bodyChars = 0;
  private bodyCursor = 1;

  /**
   * `bodyBudget`: kept bodies (proxy.inspect.bodies) may hold this many characters over the
   * whole ring; past it the oldest records lose theirs (the record itself stays). Without it
   * 10,000 records × two 16 KB bodies is 320 MB, and the settings allow far more: enough to
   * run the proxy out of memory.
   */
  constructor(
    private cap: number,
    private readonly bodyBudget = BODY_BUDGET_CHARS,
    private readonly firstLogBytes = FIRST_LOG_BYTES,
  ) {
    this.columns = new RecordColumns(cap, firstLogBytes);
  }

  get capacity(): number {
    return this.cap;
  }

  get size(): number {
    return this.count;
  }

  /** Bytes of the byte log that holds the records' text (tests, the bench). */
  get textBytes(): number {
    return this.columns.logBytes;
  }

  add(raw: RawRecord): void {
    const slot = this.next;
    if (this.count === this.cap) {
      this.bodyChars -= this.columns.bodyChars(slot);
      this.columns.release(slot);
      this.count--;
    }
    const newest = (slot - 1 + this.cap) % this.cap;
    this.columns.write(slot, raw, this.count === 0 ? -1 : (slot - this.count + this.cap) % this.cap, this.count === 0 ? -1 : newest);
    this.last++;
    this.count++;
    this.next = (slot + 1) % this.cap;
    const chars = this.columns.bodyChars(slot);
    if (chars === 0) return;
    this.bodyChars += chars;
    if (this.bodyChars > this.bodyBudget) this.shedBodies();
  }

  /** Kept body text in the ring now, in characters (tests, status). */
  get bodyText(): number {
    return this.bodyChars;
  }

  /** Drops the bodies of the oldest records until the ring is within its budget (amortized O(1): the cursor only moves on). */
  private shedBodies(): void {
    let seq = Math.max(this.bodyCursor, this.last - this.count + 1);
    for (; seq <= this.last && this.bodyChars > this.bodyBudget; seq++) {
      const slot = this.slotOf(seq);
      this.bodyChars -= this.columns.bodyChars(slot);
      this.columns.dropBodies(slot);
    }
    this.bodyCursor = seq;
  }

  /** A new capacity keeps the newest records that fit (their seqs unchanged). */
  resize(capacity: number): void {
    if (capacity === this.cap) return;
    // Copied one record at a time, oldest kept first: a million records never exist as objects at once.
    const [old, oldCap, oldNext, last] = [this.columns, this.cap, this.next, this.last];
    const first = Math.max(last - this.count, last - capacity) + 1;
    this.cap = capacity;
    this.clear();
    this.last = first - 1;
    for (let seq = first; seq <= last; seq++) this.add(old.read((oldNext - 1 - (last - seq) + oldCap * 2) % oldCap));
  }

  get(seq: number): Stored | undefined {
    if (!this.holds(seq)) return undefined;
    return { seq, raw: this.columns.read(this.slotOf(seq)) };
  }

  /** The seq of the newest record with this id, if the ring still holds one. */
  seqOf(id: string): number | undefined {
    for (let seq = this.last; this.holds(seq); seq--) if (this.columns.idOf(this.slotOf(seq)) === id) return seq;
    return undefined;
  }

  /** Newest first: a reader stops as soon as its page is full or it reached its cursor. */
  *newestFirst(): Generator<Stored> {
    for (let seq = this.last; this.holds(seq); seq--) yield { seq, raw: this.columns.read(this.slotOf(seq)) };
  }

  clear(): void {
    this.columns = new RecordColumns(this.cap, this.firstLogBytes);
    this.next = 0;
    this.count = 0;
    this.bodyChars = 0;
  }

  private holds(seq: number): boolean {
    return seq <= this.last && seq > this.last - this.count && seq > 0;
  }

  private slotOf(seq: number): number {
    return (this.next - 1 - (this.last - seq) + this.cap * 2) % this.cap;
  }
}
