import type { ReplaySide } from '../../../shared/contract/replay';
import type { ShadowStatus } from '../../../shared/contract/shadow';
import type { ShadowSampling } from '../../../shared/contract/workers';
import { SHADOW_BODY_LIMIT, type RawRecord, type ShadowSample } from './raw-record';
import { sendRecorded, type ReplayTarget } from './replay';
import { ShadowFeed } from './shadow-feed';
import { RouteStats, routeKey } from './shadow-route';
import { byName } from '../name-order';

export interface ShadowOptions {
  /** Copies waiting to be sent; past this a copy is dropped (and counted). */
  queueMax?: number;
  /** Characters of the client's answers held by queued copies; past this a copy is dropped too. */
  queueBodyMax?: number;
  /** Copies being sent at once. */
  concurrency?: number;
  timeoutMs?: number;
  /** The `shadow` event at most this often (ms). */
  pushMs?: number;
}

/** Each route's first pairs also ask a twin answer of the serving environment (noise learning), then one in NOISE_EVERY. */
const NOISE_FIRST = 5;
const NOISE_EVERY = 10;
/** Routes kept; past this, new routes share one "(other routes)" row, so memory stays bounded. */
const MAX_ROUTES = 200;

interface Job {
  seq: number;
  record: RawRecord;
  sample: ShadowSample;
}

/**
 * Shadow and compare (contract shadowStart/Stop/Status, the `shadow` event). The process that
 * serves a request picks the samples (shadow-sampler.ts: told here through onSampling, with
 * proxy workers through their messages) and hands the client's real answer over with the
 * record. Here, once that record arrives (the client already has its answer), a copy goes to
 * the shadow environment alone, a few at a time from a bounded queue, and the pair (the real
 * answer, the shadow's) is compared per route (shadow-route.ts).
 */
export class Shadow {
  private readonly queueMax: number;
  private readonly queueBodyMax: number;
  /** What the queued samples' bodies hold (characters of their kept data). */
  private queuedBody = 0;
  private readonly concurrency: number;
  private readonly timeoutMs: number;
  private active = false;
  private environment: ReplayTarget | undefined;
  private percent = 0;
  private startedAt: number | null = null;
  private stoppedAt: number | null = null;
  private sampled = 0;
  private compared = 0;
  private dropped = 0;
  private overCap = 0;
  private inFlight = 0;
  private queue: Job[] = [];
  private routes = new Map<string, RouteStats>();
  private urlOf: (name: string) => string | undefined = () => undefined;
  /** Runs are numbered (from 1; 0 is "none" to the samplers) so answers of a stopped run never count in the next. */
  private run = 0;
  private readonly idleWaiters: (() => void)[] = [];
  private sampling: (sampling: ShadowSampling | null) => void = () => undefined;
  private readonly feed: ShadowFeed;

  constructor(options: ShadowOptions = {}) {
    this.queueMax = options.queueMax ?? 1000;
    this.queueBodyMax = options.queueBodyMax ?? 64 * 1024 * 1024;
    this.concurrency = options.concurrency ?? 8;
    this.timeoutMs = options.timeoutMs ?? 10_000;
    this.feed = new ShadowFeed(() => this.status(), options.pushMs);
  }

  /** Where the samples are picked (the data plane's proxy, or its workers). */
  onSampling(listener: (sampling: ShadowSampling | null) => void): void {
    this.sampling = listener;
  }

  /** The status, pushed when it changes (at most twice a second). */
  onStatus(listener: (status: ShadowStatus) => void): () => void {
    return this.feed.on(listener);
  }

  start(environment: ReplayTarget, percent: number, urlOf: (name: string) => string | undefined): ShadowStatus {
    this.run++;
    this.active = true;
    this.environment = environment;
    this.percent = percent;
    this.urlOf = urlOf;
    this.startedAt = Date.now();
    this.stoppedAt = null;
    this.sampled = this.compared = this.dropped = this.overCap = 0;
    this.queue = [];
    this.queuedBody = 0;
    this.routes = new Map();
    this.sampling({ run: this.run, environment: environment.name, percent });
    this.feed.changed();
    return this.status();
  }

  stop(): ShadowStatus {
    if (this.active) {
      this.stoppedAt = Date.now();
      this.sampling(null);
    }
    this.active = false;
    this.queue = [];
    this.queuedBody = 0;
    this.notifyIdle();
    this.feed.changed();
    return this.status();
  }

  /** Called for every record that carries a sample, on the primary's event loop: O(1), never waits. */
  offer(record: RawRecord, seq: number): void {
    const sample = record.shadow;
    if (!this.active || sample === undefined || sample.run !== this.run) return;
    // A client that left before its answer leaves nothing to compare; a retry may have landed on the shadow itself.
    if (record.status === 0 || record.environment === this.environment!.name) return;
    this.sampled++;
    const size = sample.body.data.length;
    if (this.queue.length >= this.queueMax || (this.queuedBody + size > this.queueBodyMax && this.queue.length > 0)) this.dropped++;
    else {
      this.queuedBody += size;
      this.queue.push({ seq, record, sample });
      this.pump();
    }
    this.feed.changed();
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
      overCap: this.overCap,
      queued: this.queue.length,
      inFlight: this.inFlight,
      routes: [...this.routes.values()].map((stats) => stats.view()).sort((a, b) => b.pairs - a.pairs || byName(a.route, b.route)),
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
      this.queuedBody -= job.sample.body.data.length;
      this.inFlight++;
      void this.compare(job, this.run).finally(() => {
        this.inFlight--;
        this.pump();
        this.notifyIdle();
      });
    }
  }

  private async compare(job: Job, run: number): Promise<void> {
    const { record, seq, sample } = job;
    const key = routeKey(record.method, record.url);
    const stats = this.routes.get(key) ?? this.routes.get('(other routes)');
    const count = stats?.count ?? 0;
    const twinUrl = count < NOISE_FIRST || count % NOISE_EVERY === 0 ? this.urlOf(record.environment) : undefined;
    const mark = (suffix: string) => ['x-turnout-shadow', String(seq), 'x-request-id', `${record.id}.${suffix}`];
    const options = { timeoutMs: this.timeoutMs, bodyLimit: SHADOW_BODY_LIMIT, latency: 'headers' as const };
    const send = (target: ReplayTarget, suffix: string) => sendRecorded(record, target, undefined, mark(suffix), options);
    const [shadow, twin] = await Promise.all([send(this.environment!, 'shadow'), twinUrl === undefined ? undefined : send({ name: record.environment, url: twinUrl }, 'shadow-twin')]);
    if (run !== this.run) return;
    const primary = clientAnswer(record, sample);
    // Past the cap neither JSON nor text can be compared whole: status class and latency only.
    const partial = sample.body.truncated || shadow.body?.truncated === true;
    if (partial) this.overCap++;
    this.routeFor(key).add({ seq, id: record.id, at: record.at, url: record.url, primary, shadow, twin, partial });
    this.compared++;
    this.feed.changed();
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

/** The answer the client got, as one side of the pair: its status, body and the upstream's time to headers. */
function clientAnswer(record: RawRecord, sample: ShadowSample): ReplaySide {
  const side: ReplaySide = { environment: record.environment, source: 'recorded', status: record.status, latencyMs: record.upstreamUs < 0 ? null : record.upstreamUs / 1000, headers: [] };
  if (sample.body.size > 0) side.body = sample.body;
  return side;
}
