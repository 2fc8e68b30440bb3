import type { RawRecord } from './raw-record';

/** Kept body text the ring may hold over all its records: 256 Mi characters (one byte each for ASCII text, base64 for binary). */
export const BODY_BUDGET_CHARS = 256 * 1024 * 1024;

function bodyCharsOf(raw: RawRecord): number {
  return (raw.requestBody?.data.length ?? 0) + (raw.responseBody?.data.length ?? 0);
}

/** A stored record and its position since start (made when read: the ring keeps records bare). */
export interface Stored {
  seq: number;
  raw: RawRecord;
}

/**
 * A fixed-size ring of records: adding is O(1) and allocates nothing; when full, the oldest
 * goes. `seq` numbers every record ever added, so a reader can ask for "everything after N"
 * and learn what it missed. A slot's seq follows from its distance to the newest, so no
 * wrapper object per record is kept: at the default 10,000 records that would be 10,000 more
 * objects in V8's old generation for every major collection to mark.
 */
export class RecordRing {
  private slots: (RawRecord | undefined)[];
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
  ) {
    this.slots = new Array<RawRecord | undefined>(cap);
  }

  get capacity(): number {
    return this.cap;
  }

  get size(): number {
    return this.count;
  }

  add(raw: RawRecord): void {
    const evicted = this.count === this.cap ? this.slots[this.next] : undefined;
    if (evicted) this.bodyChars -= bodyCharsOf(evicted);
    this.slots[this.next] = raw;
    this.last++;
    this.next = (this.next + 1) % this.cap;
    if (this.count < this.cap) this.count++;
    const chars = bodyCharsOf(raw);
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
      const raw = this.slots[(this.next - 1 - (this.last - seq) + this.cap * 2) % this.cap]!;
      this.bodyChars -= bodyCharsOf(raw);
      raw.requestBody = undefined;
      raw.responseBody = undefined;
    }
    this.bodyCursor = seq;
  }

  /** A new capacity keeps the newest records that fit (their seqs unchanged). */
  resize(capacity: number): void {
    if (capacity === this.cap) return;
    const kept = [...this.newestFirst()].slice(0, capacity).reverse();
    this.cap = capacity;
    this.slots = new Array<RawRecord | undefined>(capacity);
    this.next = 0;
    this.count = 0;
    this.bodyChars = 0;
    for (const stored of kept) {
      this.slots[this.next++ % capacity] = stored.raw;
      this.bodyChars += bodyCharsOf(stored.raw);
      this.count++;
    }
    this.next %= capacity;
  }

  get(seq: number): Stored | undefined {
    if (seq > this.last || seq <= this.last - this.count) return undefined;
    const raw = this.slots[(this.next - 1 - (this.last - seq) + this.cap * 2) % this.cap];
    return raw && { seq, raw };
  }

  /** Newest first: a reader stops as soon as its page is full or it reached its cursor. */
  *newestFirst(): Generator<Stored> {
    for (let i = 1; i <= this.count; i++) yield { seq: this.last - i + 1, raw: this.slots[(this.next - i + this.cap * 2) % this.cap]! };
  }

  clear(): void {
    this.slots = new Array<RawRecord | undefined>(this.cap);
    this.next = 0;
    this.count = 0;
    this.bodyChars = 0;
  }
}
