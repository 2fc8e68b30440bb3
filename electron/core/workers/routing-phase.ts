/**
 * How many picks worker `index` of `of` makes before its first request after each
 * (re)configuration. Every worker runs its own smooth weighted round robin and the primary
 * hands connections out in turn, so without an offset all workers would start on the same
 * environment: at 50/50 two new clients on two workers would both land on Blue. Spreading
 * the starting points evenly over one cycle (sum of weights / their gcd) makes the first
 * picks across workers follow the ratio too.
 */
export function routingPhase(weights: readonly number[], index: number, of: number): number {
  const positive = weights.filter((weight) => weight > 0);
  if (positive.length < 2 || of < 2) return 0;
  const divisor = positive.reduce(gcd);
  const cycle = positive.reduce((sum, weight) => sum + weight, 0) / divisor;
  return Math.floor((index * cycle) / of);
}

function gcd(a: number, b: number): number {
  return b === 0 ? a : gcd(b, a % b);
}
