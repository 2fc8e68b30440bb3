/**
 * A seeded generator (mulberry32): the fuzz suites draw their bad inputs from it, so a
 * failure names its seed and case and replays exactly. A stand-in for a property-based
 * library (fast-check) until one is a devDependency.
 */
export class Random {
  private state: number;

  constructor(readonly seed: number) {
    this.state = seed >>> 0;
  }

  /** 0 (inclusive) … 1 (exclusive). */
  next(): number {
    this.state = (this.state + 0x6d2b79f5) >>> 0;
    let t = this.state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  }

  int(below: number): number {
    return Math.floor(this.next() * below);
  }

  pick<T>(items: readonly T[]): T {
    return items[this.int(items.length)]!;
  }
}

/** The seed: TURNOUT_FUZZ_SEED to replay a failure, else a fixed one so every run tries the same cases. */
export function fuzzSeed(): number {
  const given = Number(process.env.TURNOUT_FUZZ_SEED);
  return Number.isInteger(given) ? given : 0x7e57;
}
