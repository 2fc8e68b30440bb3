import { Pool } from '../proxy/undici-pool';
import type { DemoLoadView } from '../../../shared/contract/demo';

/** Token refill period: 100 ticks a second keeps 2000 rps down to 20 requests a tick. */
const TICK_MS = 10;
/** Catch-up allowed after a late tick (a busy event loop), in seconds of the rate. */
const BURST_SECONDS = 0.5;
/** Window of the achieved rate. */
const RATE_WINDOW_MS = 1000;
/** A request the proxy leaves unanswered this long counts as an error, not as load in flight forever. */
const REQUEST_TIMEOUT_MS = 30_000;

/**
 * Keep-alive GETs through the proxy at a steady rate: a token bucket refilled every tick
 * issues requests while fewer than `concurrency` are in flight, over an undici Pool of as
 * many connections. When the proxy (or an app with added latency) cannot keep up, the
 * rate falls below the target rather than queueing without bound: the achieved rate in
 * the view says so. Requests go through the real proxy, so metrics and charts see them.
 */
export class LoadGenerator {
  private pool: Pool | undefined;
  private timer: NodeJS.Timeout | undefined;
  private targetRps = 0;
  private concurrency = 1;
  private tokens = 0;
  private lastTick = 0;
  private inFlight = 0;
  private readonly completions: number[] = [];
  private readonly totals = { sent: 0, completed: 0, errors: 0 };
  private lastError: string | null = null;
  private readonly servedBy: Record<string, number> = {};

  constructor(
    private readonly origin: string,
    private readonly path = '/api/version',
  ) {}

  /** Sets the rate and the concurrency cap; 0 stops issuing (requests in flight finish). */
  set(rps: number, concurrency: number): void {
    this.targetRps = rps;
    if (rps === 0) {
      this.concurrency = concurrency;
      this.halt();
      void this.pool?.close().catch(() => undefined);
      this.pool = undefined;
      return;
    }
    if (concurrency !== this.concurrency || !this.pool) this.replacePool(concurrency);
    if (this.timer) return;
    this.tokens = 1;
    this.lastTick = performance.now();
    this.timer = setInterval(() => this.tick(), TICK_MS);
    this.timer.unref();
    this.tick();
  }

  /**
   * For good (profile switch, shutdown): requests in flight are abandoned rather than
   * awaited, since an app with seconds of added latency must not hold a shutdown up.
   */
  async stop(): Promise<void> {
    this.targetRps = 0;
    this.halt();
    const pool = this.pool;
    this.pool = undefined;
    await pool?.destroy().catch(() => undefined);
  }

  private halt(): void {
    clearInterval(this.timer);
    this.timer = undefined;
  }

  get currentConcurrency(): number {
    return this.concurrency;
  }

  view(): DemoLoadView {
    this.forgetOldCompletions(performance.now());
    return {
      running: this.targetRps > 0,
      targetRps: this.targetRps,
      concurrency: this.concurrency,
      achievedRps: this.completions.length * (1000 / RATE_WINDOW_MS),
      ...this.totals,
      inFlight: this.inFlight,
      lastError: this.lastError,
      servedBy: { ...this.servedBy },
    };
  }

  private replacePool(concurrency: number): void {
    const old = this.pool;
    this.concurrency = concurrency;
    this.pool = new Pool(this.origin, { connections: concurrency, keepAliveTimeout: 10_000 });
    // The old pool's requests in flight finish; its connections close after them.
    void old?.close().catch(() => undefined);
  }

  private tick(): void {
    const now = performance.now();
    const burst = Math.max(1, this.targetRps * BURST_SECONDS);
    this.tokens = Math.min(burst, this.tokens + ((now - this.lastTick) * this.targetRps) / 1000);
    this.lastTick = now;
    while (this.tokens >= 1 && this.inFlight < this.concurrency && this.pool) {
      this.tokens -= 1;
      void this.send(this.pool);
    }
  }

  private async send(pool: Pool): Promise<void> {
    this.inFlight++;
    this.totals.sent++;
    try {
      const response = await pool.request({ path: this.path, method: 'GET', headersTimeout: REQUEST_TIMEOUT_MS, bodyTimeout: REQUEST_TIMEOUT_MS });
      await response.body.dump();
      const by = response.headers['x-served-by'];
      if (typeof by === 'string') this.servedBy[by] = (this.servedBy[by] ?? 0) + 1;
      if (response.statusCode >= 500) this.failed(`status ${response.statusCode}`);
    } catch (error) {
      this.failed((error as NodeJS.ErrnoException).code ?? (error as Error).message);
    } finally {
      this.inFlight--;
      this.totals.completed++;
      const now = performance.now();
      this.completions.push(now);
      this.forgetOldCompletions(now);
    }
  }

  private failed(reason: string): void {
    this.totals.errors++;
    this.lastError = reason;
  }

  private forgetOldCompletions(now: number): void {
    let old = 0;
    while (old < this.completions.length && this.completions[old]! <= now - RATE_WINDOW_MS) old++;
    if (old > 0) this.completions.splice(0, old);
  }
}
