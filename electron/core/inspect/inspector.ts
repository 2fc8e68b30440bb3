import type { RequestDetail, RequestFilter, RequestPage, RequestRecord } from '../../../shared/contract/inspect';
import { matchesFilter } from '../../../shared/contract/inspect';
import { INSPECT_DEFAULTS, type InspectSettings } from '../../../shared/domain/inspect-settings';
import { AccessLog } from './access-log';
import type { RawRecord, RecordSink } from './raw-record';
import { RecordRing, type Stored } from './record-ring';
import { detailView, recordView } from './record-view';
import { Shadow } from './shadow';

/** New records are told to listeners (the `requests` event) and the access log at most this often. */
const FLUSH_MS = 250;

/**
 * The primary's request inspector: the bounded ring, the batched `requests` event and the
 * access log. The proxy (or a worker's batch) only calls add(); everything that costs
 * (views, redaction, JSON) happens on a read or on the quarter-second flush.
 */
export class Inspector implements RecordSink {
  private settings: InspectSettings = INSPECT_DEFAULTS;
  private readonly ring = new RecordRing(INSPECT_DEFAULTS.capacity);
  /** Each listener with whether anyone behind it wants batches now (an event nobody subscribed to costs no views). */
  private readonly listeners = new Map<(batch: RequestRecord[]) => void, () => boolean>();
  /** The first seq not yet flushed to listeners and the access log. */
  private flushedTo = 1;
  private timer: NodeJS.Timeout | undefined;
  private log: AccessLog | undefined;
  /** A sampled record carries the client's answer for the shadow (inspect/shadow.ts): handed over here, never kept in the ring. */
  readonly shadow = new Shadow();

  configure(settings: InspectSettings): void {
    this.settings = settings;
    this.ring.resize(settings.capacity);
    const file = settings.accessLog;
    if (file === null) this.log = undefined;
    else if (this.log?.file !== file) this.log = new AccessLog(file, settings.accessLogMaxBytes);
  }

  get recording(): boolean {
    return this.settings.enabled;
  }

  add(record: RawRecord): void {
    // The ring copies the record (never its shadow sample), so the sample goes only to the shadow.
    this.ring.add(record);
    if (record.shadow !== undefined) this.shadow.offer(record, this.ring.last);
    if (this.timer !== undefined) return;
    if (this.log || this.anyWanted()) {
      this.timer = setTimeout(() => this.flush(), FLUSH_MS);
      this.timer.unref();
    } else this.flushedTo = this.ring.last + 1;
  }

  /** A proxy worker's batch. */
  addMany(records: readonly RawRecord[]): void {
    for (const record of records) this.add(record);
  }

  list(input: RequestFilter & { limit: number; after?: number }): RequestPage {
    const records: RequestRecord[] = [];
    for (const stored of this.ring.newestFirst()) {
      if (input.after !== undefined && stored.seq <= input.after) break;
      const view = recordView(stored);
      if (!matchesFilter(view, input)) continue;
      records.push(view);
      if (records.length >= input.limit) break;
    }
    return { records: records.reverse(), last: this.ring.last, held: this.ring.size, capacity: this.ring.capacity, recording: this.settings.enabled };
  }

  /** One record with its headers; undefined once the ring dropped it. */
  get(ref: { seq?: number; id?: string }): RequestDetail | undefined {
    const seq = ref.seq ?? this.ring.seqOf(ref.id!);
    const stored = seq === undefined ? undefined : this.ring.get(seq);
    return stored && detailView(stored, this.settings.redact);
  }

  /** The raw record (for a replay: its headers unredacted, its body if kept). */
  raw(seq: number): RawRecord | undefined {
    return this.ring.get(seq)?.raw;
  }

  onBatch(listener: (batch: RequestRecord[]) => void, wanted: () => boolean = () => true): () => void {
    this.listeners.set(listener, wanted);
    return () => this.listeners.delete(listener);
  }

  /** Writes what is pending to the access log now (stop, tests). */
  async drain(): Promise<void> {
    this.flush();
    await this.log?.flushed();
  }

  /** The plane stops: what is pending still reaches listeners and the access log. */
  stop(): void {
    this.shadow.stop();
    clearTimeout(this.timer);
    this.flush();
  }

  /** Called for every record while no flush is pending: a plain check, nothing allocated. */
  private anyWanted(): boolean {
    for (const wants of this.listeners.values()) if (wants()) return true;
    return false;
  }

  private wanted(): ((batch: RequestRecord[]) => void)[] {
    const wanted: ((batch: RequestRecord[]) => void)[] = [];
    for (const [listener, wants] of this.listeners) if (wants()) wanted.push(listener);
    return wanted;
  }

  private flush(): void {
    this.timer = undefined;
    const fresh: Stored[] = [];
    // Records the ring already dropped again (more than its capacity in a quarter second) are skipped.
    for (let seq = Math.max(this.flushedTo, this.ring.last - this.ring.size + 1); seq <= this.ring.last; seq++) fresh.push(this.ring.get(seq)!);
    this.flushedTo = this.ring.last + 1;
    if (fresh.length === 0) return;
    const listeners = this.wanted();
    if (listeners.length > 0) {
      const batch = fresh.map(recordView);
      for (const listener of listeners) listener(batch);
    }
    if (this.log) void this.log.append(fresh.map((stored) => JSON.stringify(detailView(stored, this.settings.redact))));
  }
}
