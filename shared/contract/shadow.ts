/** One side of a shadow pair: the answer the client got (the environment that served it), or the shadow's. */
export interface ShadowSideView {
  environment: string;
  /** 0: no answer (the error says why). */
  status: number;
  latencyMs: number | null;
  error?: string;
}

/** A pair that differed, kept as an example (the newest few per route). */
export interface ShadowExample {
  /** The request's record in the inspector (getRequest { seq }), while the ring still holds it. */
  seq: number;
  id: string;
  at: number;
  url: string;
  primary: ShadowSideView;
  shadow: ShadowSideView;
  /** What differed, one line each: "status 200 → 500", "$.price: 10 → 12", "body (text)". */
  differences: string[];
}

/** Per route ("GET /users/:id"): how often the shadow answered differently, and how fast each side was. */
export interface ShadowRoute {
  route: string;
  pairs: number;
  mismatches: number;
  /** mismatches / pairs, 0..1 (0 with no pairs). */
  mismatchRate: number;
  /** The 99th percentile latency to response headers (ms) of each side: the client's real answers, the shadow's copies; null before the first. */
  p99Ms: { primary: number | null; shadow: number | null };
  /** JSON paths seen to differ between two answers of the same environment: not counted. */
  noise: string[];
  /** The whole body differs between two answers of the same environment (text): not compared. */
  bodyNoise: boolean;
  examples: ShadowExample[];
}

export interface ShadowStatus {
  active: boolean;
  /** The shadow environment and share of the last (or current) run; null before any. */
  environment: string | null;
  percent: number;
  startedAt: number | null;
  stoppedAt: number | null;
  /** Requests picked for a copy. */
  sampled: number;
  /** Pairs compared (both sides answered or failed). */
  compared: number;
  /** Copies dropped because the queue was full. */
  dropped: number;
  /** Pairs with a body over the cap (1 MiB, either side): compared on status class and latency only. */
  overCap: number;
  queued: number;
  inFlight: number;
  routes: ShadowRoute[];
}
