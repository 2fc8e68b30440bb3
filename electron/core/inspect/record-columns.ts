import { ROUTE_REASONS, type KeptBody, type RouteReason } from '../../../shared/contract/inspect';
import type { RawRecord } from './raw-record';

/** Numbers per slot, in this order. */
const NUMBERS = 7;
const [AT, STATUS, ATTEMPTS, UPSTREAM_US, TOTAL_US, BYTES_IN, BYTES_OUT] = [0, 1, 2, 3, 4, 5, 6];
/** Integers per slot: where its text starts in the byte log, the byte length of each text field, and two table indexes. */
const INTEGERS = 8;
const [START, ID_LEN, METHOD_LEN, URL_LEN, REQUEST_HEAD_LEN, RESPONSE_HEAD_LEN, ENVIRONMENT, REASON] = [0, 1, 2, 3, 4, 5, 6, 7];
const TEXT_FIELDS = ['id', 'method', 'url', 'requestHead', 'responseHead'] as const;
/** The byte log starts this small and grows by half when the records it holds need more. */
export const FIRST_LOG_BYTES = 256 * 1024;

/** What few records carry: kept on the JS heap, beside the slot. */
export interface RecordExtras {
  error?: string;
  requestBody?: KeptBody;
  responseBody?: KeptBody;
}

/**
 * The ring's storage: a record's numbers in a Float64Array, its text (id, method, url, both
 * header blocks) as UTF-8 in one byte log, its environment and route reason as indexes. None
 * of it is a JS object: at the default 10,000 records the old generation would otherwise
 * hold ~7 MB of records that V8 marks on every major collection and, as records leave the
 * ring at the request rate, a steady stream of promoted garbage; V8 then lets old space grow
 * to up to 4× what survives (bench/README.md, "serve's memory"). Here they are ~2 MB of
 * ArrayBuffer that no collection walks. Errors and kept bodies, which few records have,
 * stay JS objects in `extras`.
 *
 * The byte log is a FIFO ring of its own: slots are written and freed oldest first, so a
 * record's text goes at the write position, or at the start once the end is reached, and the
 * log grows (copying the live records in order) only when neither has room. When a lap ends
 * with the live text under a quarter of the log, it shrinks the same way.
 */
export class RecordColumns {
  private numbers: Float64Array;
  private integers: Int32Array;
  private extras: (RecordExtras | undefined)[];
  private log: Buffer;
  /** Where the next record's text goes. */
  private head = 0;
  private readonly environments: string[] = [];
  private readonly environmentIndex = new Map<string, number>();
  /** The text fields' byte lengths while a record is written (reused: nothing allocated per record). */
  private readonly lengths = new Int32Array(TEXT_FIELDS.length);

  /** `firstLogBytes`: tests start it small, so that a few records already wrap and grow it. */
  constructor(
    readonly slots: number,
    private readonly firstLogBytes = FIRST_LOG_BYTES,
  ) {
    this.log = Buffer.allocUnsafeSlow(firstLogBytes);
    this.numbers = new Float64Array(slots * NUMBERS);
    this.integers = new Int32Array(slots * INTEGERS);
    this.extras = new Array<RecordExtras | undefined>(slots);
  }

  /** Bytes the log holds (tests, the bench). */
  get logBytes(): number {
    return this.log.length;
  }

  /**
   * Stores `raw` in `slot`. `oldest` and `newest` are the slots of the oldest live record and
   * of the newest one before this (-1: none is live), which bound the log's free space.
   */
  write(slot: number, raw: RawRecord, oldest: number, newest: number): void {
    const lengths = this.lengths;
    let total = 0;
    for (let i = 0; i < TEXT_FIELDS.length; i++) total += lengths[i] = Buffer.byteLength(raw[TEXT_FIELDS[i]!]);
    let start = this.placeFor(total, oldest, newest);
    if (start < 0) {
      this.relocate(this.grownSize(total, oldest, newest), oldest, newest);
      start = this.head;
    } else if (start === 0 && oldest >= 0 && this.log.length > this.firstLogBytes) {
      // Once per lap of the log: a burst of large records (say 10,000 with 16 KB of headers)
      // must not keep its memory after normal traffic has replaced them.
      const live = this.liveBytes(oldest, newest);
      if (live * 4 < this.log.length) {
        this.relocate(Math.max(this.firstLogBytes, (live + total) * 2), oldest, newest);
        start = this.head;
      }
    }
    const ints = slot * INTEGERS;
    this.integers[ints + START] = start;
    let at = start;
    for (let i = 0; i < TEXT_FIELDS.length; i++) {
      this.integers[ints + ID_LEN + i] = lengths[i]!;
      if (lengths[i]! > 0) this.log.write(raw[TEXT_FIELDS[i]!], at, lengths[i]!, 'utf8');
      at += lengths[i]!;
    }
    this.head = at;
    this.integers[ints + ENVIRONMENT] = this.environmentOf(raw.environment);
    this.integers[ints + REASON] = ROUTE_REASONS.indexOf(raw.reason);
    const nums = slot * NUMBERS;
    this.numbers[nums + AT] = raw.at;
    this.numbers[nums + STATUS] = raw.status;
    this.numbers[nums + ATTEMPTS] = raw.attempts;
    this.numbers[nums + UPSTREAM_US] = raw.upstreamUs;
    this.numbers[nums + TOTAL_US] = raw.totalUs;
    this.numbers[nums + BYTES_IN] = raw.bytesIn;
    this.numbers[nums + BYTES_OUT] = raw.bytesOut;
    this.extras[slot] = raw.error === undefined && raw.requestBody === undefined && raw.responseBody === undefined ? undefined : { error: raw.error, requestBody: raw.requestBody, responseBody: raw.responseBody };
  }

  /** A new object each time: callers may keep or change it without touching the ring. */
  read(slot: number): RawRecord {
    const ints = slot * INTEGERS;
    let at = this.integers[ints + START]!;
    const text: string[] = [];
    for (let i = 0; i < TEXT_FIELDS.length; i++) {
      const length = this.integers[ints + ID_LEN + i]!;
      text.push(length === 0 ? '' : this.log.toString('utf8', at, at + length));
      at += length;
    }
    const nums = slot * NUMBERS;
    const raw: RawRecord = {
      id: text[0]!,
      at: this.numbers[nums + AT]!,
      method: text[1]!,
      url: text[2]!,
      status: this.numbers[nums + STATUS]!,
      environment: this.environments[this.integers[ints + ENVIRONMENT]!]!,
      reason: ROUTE_REASONS[this.integers[ints + REASON]!] as RouteReason,
      attempts: this.numbers[nums + ATTEMPTS]!,
      upstreamUs: this.numbers[nums + UPSTREAM_US]!,
      totalUs: this.numbers[nums + TOTAL_US]!,
      bytesIn: this.numbers[nums + BYTES_IN]!,
      bytesOut: this.numbers[nums + BYTES_OUT]!,
      requestHead: text[3]!,
      responseHead: text[4]!,
    };
    const extras = this.extras[slot];
    if (extras?.error !== undefined) raw.error = extras.error;
    if (extras?.requestBody !== undefined) raw.requestBody = extras.requestBody;
    if (extras?.responseBody !== undefined) raw.responseBody = extras.responseBody;
    return raw;
  }

  /** The record's id alone (a lookup by id reads nothing else). */
  idOf(slot: number): string {
    const ints = slot * INTEGERS;
    const start = this.integers[ints + START]!;
    return this.log.toString('utf8', start, start + this.integers[ints + ID_LEN]!);
  }

  /** Characters of kept body text in the slot. */
  bodyChars(slot: number): number {
    const extras = this.extras[slot];
    return (extras?.requestBody?.data.length ?? 0) + (extras?.responseBody?.data.length ?? 0);
  }

  dropBodies(slot: number): void {
    const extras = this.extras[slot];
    if (extras === undefined) return;
    extras.requestBody = undefined;
    extras.responseBody = undefined;
  }

  /** The slot no longer holds a record: its extras go now (its bytes when the log reaches them). */
  release(slot: number): void {
    this.extras[slot] = undefined;
  }

  /** Where `bytes` of text fit without touching a live record's, or -1. */
  private placeFor(bytes: number, oldest: number, newest: number): number {
    if (oldest < 0) return bytes <= this.log.length ? 0 : -1;
    const tail = this.integers[oldest * INTEGERS + START]!;
    const wrapped = tail > this.integers[newest * INTEGERS + START]!;
    if (wrapped) return this.head + bytes <= tail ? this.head : -1;
    if (this.head + bytes <= this.log.length) return this.head;
    return bytes <= tail ? 0 : -1;
  }

  /** Half as large again, as often as needed to fit: doubling would leave up to half of a full default ring's ~2.5 MB unused. */
  private grownSize(bytes: number, oldest: number, newest: number): number {
    const needed = this.liveBytes(oldest, newest) + bytes;
    let size = Math.ceil(this.log.length * 1.5);
    while (size < needed) size = Math.ceil(size * 1.5);
    return size;
  }

  /** A log of `size` bytes, the live records' text copied into it in order from its start. */
  private relocate(size: number, oldest: number, newest: number): void {
    const next = Buffer.allocUnsafeSlow(size);
    let at = 0;
    if (oldest >= 0) {
      for (let slot = oldest; ; slot = (slot + 1) % this.slots) {
        const ints = slot * INTEGERS;
        const start = this.integers[ints + START]!;
        const length = this.textBytes(slot);
        this.log.copy(next, at, start, start + length);
        this.integers[ints + START] = at;
        at += length;
        if (slot === newest) break;
      }
    }
    this.log = next;
    this.head = at;
  }

  private liveBytes(oldest: number, newest: number): number {
    if (oldest < 0) return 0;
    let bytes = 0;
    for (let slot = oldest; ; slot = (slot + 1) % this.slots) {
      bytes += this.textBytes(slot);
      if (slot === newest) return bytes;
    }
  }

  private textBytes(slot: number): number {
    const ints = slot * INTEGERS;
    return this.integers[ints + ID_LEN]! + this.integers[ints + METHOD_LEN]! + this.integers[ints + URL_LEN]! + this.integers[ints + REQUEST_HEAD_LEN]! + this.integers[ints + RESPONSE_HEAD_LEN]!;
  }

  private environmentOf(name: string): number {
    let index = this.environmentIndex.get(name);
    if (index === undefined) {
      index = this.environments.push(name) - 1;
      this.environmentIndex.set(name, index);
    }
    return index;
  }
}
