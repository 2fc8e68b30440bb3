import { build, type Histogram } from '../metrics/hdr';
import type { ReplaySide } from '../../../shared/contract/replay';
import type { ShadowExample, ShadowRoute, ShadowSideView } from '../../../shared/contract/shadow';
import { compareBodies } from './compare';

/** The newest differing pairs kept per route. */
const EXAMPLES = 5;
/** Latencies are recorded in microseconds (the histograms take integers). */
const US_PER_MS = 1000;

/**
 * A route's key: the method and the path without the query, with segments that look like
 * ids (numbers, UUIDs, long hex) as ":id", so "/users/7" and "/users/8" learn one noise set.
 */
export function routeKey(method: string, url: string): string {
  const path = url.split('?', 1)[0]!.split('#', 1)[0]!;
  const segments = path.split('/').map((part) => (/^\d+$/.test(part) || /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(part) || /^[0-9a-f]{16,}$/i.test(part) ? ':id' : part));
  return `${method} ${segments.join('/') || '/'}`;
}

/** A JSON path with its array positions blurred, so noise at "$.items[3].at" covers every item. */
const blur = (path: string) => path.replace(/\[\d+\]/g, '[*]');

export interface ShadowPair {
  seq: number;
  id: string;
  at: number;
  url: string;
  primary: ReplaySide;
  /** A second answer of the primary environment to the same request: what differs there is noise. */
  twin: ReplaySide | undefined;
  shadow: ReplaySide;
  /** A body past the cap (either side): the pair is compared on status class (and latency) only. */
  partial?: boolean;
}

/**
 * One route's comparison (Diffy's idea): a pair differs when the status class differs or the
 * bodies differ outside the noise, the JSON paths (or whole text bodies) that already
 * differed between two answers of the same environment.
 */
export class RouteStats {
  private pairs = 0;
  private mismatches = 0;
  private readonly noise = new Set<string>();
  private bodyNoise = false;
  private readonly latency = { primary: histogram(), shadow: histogram() };
  private readonly seen = { primary: false, shadow: false };
  private readonly examples: ShadowExample[] = [];

  constructor(readonly route: string) {}

  /** Pairs compared so far (the shadow asks a twin answer of the serving environment for the first ones and then now and then). */
  get count(): number {
    return this.pairs;
  }

  add(pair: ShadowPair): void {
    if (pair.twin && !pair.partial) this.learn(pair.primary, pair.twin);
    this.pairs++;
    this.record('primary', pair.primary);
    this.record('shadow', pair.shadow);
    const differences = this.differences(pair.primary, pair.shadow, pair.partial === true);
    if (differences.length === 0) return;
    this.mismatches++;
    this.examples.push({ seq: pair.seq, id: pair.id, at: pair.at, url: pair.url, primary: sideView(pair.primary), shadow: sideView(pair.shadow), differences });
    if (this.examples.length > EXAMPLES) this.examples.shift();
  }

  view(): ShadowRoute {
    const p99 = (side: 'primary' | 'shadow') => (this.seen[side] ? this.latency[side].getValueAtPercentile(99) / US_PER_MS : null);
    return {
      route: this.route,
      pairs: this.pairs,
      mismatches: this.mismatches,
      mismatchRate: this.pairs === 0 ? 0 : this.mismatches / this.pairs,
      p99Ms: { primary: p99('primary'), shadow: p99('shadow') },
      noise: [...this.noise].sort(),
      bodyNoise: this.bodyNoise,
      examples: [...this.examples].reverse(),
    };
  }

  private learn(a: ReplaySide, b: ReplaySide): void {
    if (a.status === 0 || b.status === 0) return;
    const body = compareBodies(a, b);
    if (body.same) return;
    if (body.kind === 'json') for (const difference of body.json ?? []) this.noise.add(blur(difference.path));
    else this.bodyNoise = true;
  }

  private differences(a: ReplaySide, b: ReplaySide, statusOnly: boolean): string[] {
    if (a.status === 0 || b.status === 0) return a.status === b.status ? [] : [`no answer from ${a.status === 0 ? a.environment : b.environment}: ${(a.status === 0 ? a.error : b.error) ?? 'unknown'}`];
    if (Math.floor(a.status / 100) !== Math.floor(b.status / 100)) return [`status ${a.status} → ${b.status}`];
    if (statusOnly) return [];
    const body = compareBodies(a, b);
    if (body.same) return [];
    if (body.kind === 'json') {
      const real = (body.json ?? []).filter((difference) => !this.noise.has(blur(difference.path)));
      return real.slice(0, 10).map((difference) => `${difference.path}: ${JSON.stringify(difference.a)} → ${JSON.stringify(difference.b)}`);
    }
    return this.bodyNoise ? [] : [`body (${body.kind}) differs`];
  }

  private record(side: 'primary' | 'shadow', answer: ReplaySide): void {
    if (answer.latencyMs === null) return;
    this.latency[side].recordValue(Math.max(1, Math.round(answer.latencyMs * US_PER_MS)));
    this.seen[side] = true;
  }
}

function sideView(side: ReplaySide): ShadowSideView {
  const view: ShadowSideView = { environment: side.environment, status: side.status, latencyMs: side.latencyMs };
  if (side.error !== undefined) view.error = side.error;
  return view;
}

function histogram(): Histogram {
  return build({ lowestDiscernibleValue: 1, highestTrackableValue: 60_000_000, numberOfSignificantValueDigits: 2, autoResize: true });
}
