import type { KeptBody, RouteReason } from '../../../shared/contract/inspect';

/**
 * One request as the hot path hands it over: plain data (it crosses from a proxy worker to
 * the primary as is), with the headers as Node already holds them (the client's raw list
 * joined, and the header block written to the client), so recording parses nothing.
 * Redaction and parsing happen when someone reads a record (record-view.ts).
 */
export interface RawRecord {
  id: string;
  at: number;
  method: string;
  url: string;
  status: number;
  environment: string;
  reason: RouteReason;
  attempts: number;
  /**
   * Whole microseconds (-1: no upstream answer): small integers live inside the record, where
   * a fractional millisecond would be one more heap object per field (views show ms).
   */
  upstreamUs: number;
  totalUs: number;
  /** -1: unknown (a chunked body nobody counted). */
  bytesIn: number;
  bytesOut: number;
  /**
   * The client's raw headers joined by "\n" (name, value, name, value...: neither may hold a
   * newline). One flat string, not Node's array of ~20: it is one field of the ring's byte log
   * (record-columns.ts), and a proxy worker's record waits up to 100 ms in its batch, long
   * enough to reach the old generation, where the collector's work grows with the objects.
   */
  requestHead: string;
  /** The status line and headers as written to the client ('' when nothing was). */
  responseHead: string;
  error?: string;
  requestBody?: KeptBody;
  responseBody?: KeptBody;
  /**
   * Only on a request a running shadow sampled (inspect/shadow-sampler.ts): its run and the
   * response body as the client got it (up to SHADOW_BODY_LIMIT), the primary side of the
   * pair. The inspector hands it to the shadow and never keeps it in the ring.
   */
  shadow?: ShadowSample;
}

export interface ShadowSample {
  run: number;
  body: KeptBody;
}

/** How much of a sampled answer is kept for its comparison; past it the pair is compared on status class and latency only. */
export const SHADOW_BODY_LIMIT = 1024 * 1024;

/** Where the proxy hands its records: the primary's inspector, or a worker's batch to it. */
export interface RecordSink {
  add(record: RawRecord): void;
}
