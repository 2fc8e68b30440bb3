import type { RawRecord, RecordSink } from './raw-record';

/** A worker sends its records at most this often, or sooner when this many are waiting. */
const BATCH_MS = 100;
const BATCH_MAX = 512;
/** Shadow samples carry up to 1 MiB of answer each: a batch goes sooner once they hold this much. */
const BATCH_BODY_MAX = 4 * 1024 * 1024;

/**
 * A proxy worker's end of recording: records wait here and cross to the primary's inspector
 * as one IPC message per batch, never one per request.
 */
export class RecordBatch implements RecordSink {
  private pending: RawRecord[] = [];
  private timer: NodeJS.Timeout | undefined;
  private pendingBody = 0;

  constructor(private readonly send: (records: RawRecord[]) => void) {}

  add(record: RawRecord): void {
    this.pending.push(record);
    if (record.shadow !== undefined) this.pendingBody += record.shadow.body.data.length;
    if (this.pending.length >= BATCH_MAX || this.pendingBody >= BATCH_BODY_MAX) this.flush();
    else if (this.timer === undefined) this.timer = setTimeout(() => this.flush(), BATCH_MS);
  }

  flush(): void {
    clearTimeout(this.timer);
    this.timer = undefined;
    if (this.pending.length === 0) return;
    const records = this.pending;
    this.pending = [];
    this.pendingBody = 0;
    this.send(records);
  }
}
