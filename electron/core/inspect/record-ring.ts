import type { RawRecord } from './raw-record';

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

  constructor(private cap: number) {
    this.slots = new Array<RawRecord | undefined>(cap);
  }

  get capacity(): number {
    return this.cap;
  }

  get size(): number {
    return this.count;
  }

  add(raw: RawRecord): void {
    this.slots[this.next] = raw;
    this.last++;
    this.next = (this.next + 1) % this.cap;
    if (this.count < this.cap) this.count++;
  }

  /** A new capacity keeps the newest records that fit (their seqs unchanged). */
  resize(capacity: number): void {
    if (capacity === this.cap) return;
    const kept = [...this.newestFirst()].slice(0, capacity).reverse();
    this.cap = capacity;
    this.slots = new Array<RawRecord | undefined>(capacity);
    this.next = 0;
    this.count = 0;
    for (const stored of kept) {
      this.slots[this.next++ % capacity] = stored.raw;
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
  }
}
