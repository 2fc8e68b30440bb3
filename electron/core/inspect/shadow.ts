import type { ShadowStatus } from '../../../shared/contract/shadow';
import type { RawRecord } from './raw-record';
import { sendRecorded, type ReplayTarget } from './replay';
import { RouteStats, routeKey } from './shadow-route';

export interface ShadowOptions {
  /** Copies waiting to be sent; past this a copy is dropped (and counted). */
  queueMax?: number;
  /** Pairs being sent at once. */
  concurrency?: number;
  timeoutMs?: number;
}

/** Each route's first pairs also ask a twin answer of the primary (noise learning), then one in NOISE_EVERY. */
const NOISE_FIRST = 5;
const NOISE_EVERY = 10;
/** Routes kept; past this, new routes share one "(other routes)" row, so memory stays bounded. */
const MAX_ROUTES = 200;

interface Job {
  seq: number;
  record: RawRecord;
  primary: ReplayTarget;
}

/**
 * Shadow and compare (contract shadowStart/Stop/Status). The inspector offers each record
 * when its response has closed, so the client already has its (real) answer: a share of the
 * GET and HEAD requests without a body is queued, and a few at a time are sent again to the
 * environment that served them and to the shadow, then compared per route (shadow-route.ts).
 * With proxy workers the records reach the primary's inspector in batches, so the copies are
 * sent from the primary process.
 */
export class Shadow {
  private readonly queueMax: number;
  private readonly concurrency: number;
  private readonly timeoutMs: number;
  private active = false;
  private environment: ReplayTarget | undefined;
  private percent = 0;
  private startedAt: number | null = null;
  private stoppedAt: number | null = null;
  /** Sampling by accumulation: exactly `percent` of the eligible requests, evenly spread. */
  private credit = 0;
  private sampled = 0;
  private compared = 0;
  private dropped = 0;
  private inFlight = 0;
  private queue: Job[] = [];
  private routes = new Map<string, RouteStats>();
  private urlOf: (name: string) => string | undefined = () => undefined;
  /** Runs are numbered so answers of a stopped run never count in the next one. */
  private run = 0;
  private readonly idleWaiters: (() => void)[] = [];

  constructor(options: ShadowOptions = {}) {
    this.queueMax = options.queueMax ?? 1000;
    this.concurrency = options.concurrency ?? 8;
    this.timeoutMs = options.timeoutMs ?? 10_000;
  }

  start(environment: ReplayTarget, percent: number, urlOf: (name: string) => string | undefined): ShadowStatus {
    this.run++;
    this.active = true;
    this.environment = environment;
    this.percent = percent;
    this.urlOf = urlOf;
    this.startedAt = Date.now();
    this.stoppedAt = null;
    this.credit = 0;
    this.sampled = this.compared = this.dropped = 0;
    this.queue = [];
    this.routes = new Map();
    return this.status();
  }

  stop(): ShadowStatus {
    if (this.active) this.stoppedAt = Date.now();
    this.active = false;
    this.queue = [];
    this.notifyIdle();
    return this.status();
  }

  /** Called for every record, on the primary's event loop: O(1), never waits. */
  offer(record: RawRecord, seq: number): void {
    if (!this.active) return;
    if ((record.method !== 'GET' && record.method !== 'HEAD') || record.bytesIn !== 0 || record.status === 0) return;
    if (record.environment === this.environment!.name || /x-turnout-shadow/i.test(record.requestHead)) return;
    this.credit += this.percent;
    if (this.credit < 100) return;
    this.credit -= 100;
    this.sampled++;
    const url = this.urlOf(record.environment);
    if (url === undefined) return;
    if (this.queue.length >= this.queueMax) {
      this.dropped++;
      return;
    }
    this.queue.push({ seq, record, primary: { name: record.environment, url } });
    this.pump();
  }

  status(): ShadowStatus {
    return {
      active: this.active,
      environment: this.environment?.name ?? null,
      percent: this.percent,
      startedAt: this.startedAt,
      stoppedAt: this.stoppedAt,
      sampled: this.sampled,
      compared: this.compared,
      dropped: this.dropped,
      queued: this.queue.length,
      inFlight: this.inFlight,
      routes: [...this.routes.values()].map((stats) => stats.view()).sort((a, b) => b.pairs - a.pairs || a.route.localeCompare(b.route)),
    };
  }

  /** Resolves when nothing is queued or in flight (tests, the update gate). */
  idle(): Promise<void> {
    if (this.queue.length === 0 && this.inFlight === 0) return Promise.resolve();
    return new Promise((resolve) => this.idleWaiters.push(resolve));
  }

  private pump(): void {
    while (this.inFlight < this.concurrency && this.queue.length > 0) {
      const job = this.queue.shift()!;
      this.inFlight++;
      void this.compare(job, this.run).finally(() => {
        this.inFlight--;
        this.pump();
        this.notifyIdle();
      });
    }
  }

  private async compare(job: Job, run: number): Promise<void> {
    const { record, seq } = job;
    const key = routeKey(record.method, record.url);
    const stats = this.routes.get(key) ?? this.routes.get('(other routes)');
    const count = stats?.count ?? 0;
    const wantTwin = count < NOISE_FIRST || count % NOISE_EVERY === 0;
    const mark = (suffix: string) => ['x-turnout-shadow', String(seq), 'x-request-id', `${record.id}.${suffix}`];
    const send = (target: ReplayTarget, suffix: string) => sendRecorded(record, target, undefined, mark(suffix), this.timeoutMs);
    const [primary, shadow, twin] = await Promise.all([send(job.primary, 'shadow-a'), send(this.environment!, 'shadow-b'), wantTwin ? send(job.primary, 'shadow-a2') : undefined]);
    if (run !== this.run) return;
    this.routeFor(key).add({ seq, id: record.id, at: record.at, url: record.url, primary, shadow, twin });
    this.compared++;
  }

  private routeFor(key: string): RouteStats {
    let stats = this.routes.get(key);
    if (stats) return stats;
    if (this.routes.size >= MAX_ROUTES) key = '(other routes)';
    stats = this.routes.get(key) ?? new RouteStats(key);
    this.routes.set(key, stats);
    return stats;
  }

  private notifyIdle(): void {
    if (this.queue.length > 0 || this.inFlight > 0) return;
    for (const resolve of this.idleWaiters.splice(0)) resolve();
  }
}
