import type { HeaderList, KeptBody } from './inspect';

/** One side of a replay: an answer from an environment, fresh or as recorded. */
export interface ReplaySide {
  environment: string;
  /** `live`: sent just now; `recorded`: the original answer as the inspector kept it. */
  source: 'live' | 'recorded';
  /** 0: no answer (the error says why). */
  status: number;
  latencyMs: number | null;
  headers: HeaderList;
  body?: KeptBody;
  error?: string;
}

/** A header whose value differs between the two sides (null: absent on that side). */
export interface HeaderDifference {
  name: string;
  a: string | null;
  b: string | null;
}

/** A value that differs between two JSON bodies, by its path ("$.user.name", "$.items[2]"). */
export interface JsonDifference {
  path: string;
  a: unknown;
  b: unknown;
}

export interface BodyComparison {
  kind: 'json' | 'text' | 'binary' | 'none';
  same: boolean;
  /** JSON: the values that differ, compared as data (key order and whitespace do not count). */
  json?: JsonDifference[];
  /** Text: a unified diff (the `diff` package). */
  text?: string;
  /** A side's body was cut at the inspector's cap: the comparison covers the kept part only. */
  partial?: boolean;
}

export interface ReplayResult {
  seq: number;
  method: string;
  url: string;
  a: ReplaySide;
  b: ReplaySide;
  statusSame: boolean;
  headers: HeaderDifference[];
  body: BodyComparison;
}
