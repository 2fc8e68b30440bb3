/**
 * Smooth weighted round robin, as in nginx's ngx_http_upstream_round_robin.c: every pick
 * adds each candidate's weight to its running score, takes the highest, and subtracts the
 * total from the winner. Over any window of sum(weights) consecutive picks each candidate
 * gets exactly its weight, spread out rather than in bursts (70/30 -> 7 and 3 in every 10).
 */
export class SmoothWeightedBalancer {
  private names: string[] = [];
  private weights: number[] = [];
  private scores: number[] = [];

  constructor(weights: Record<string, number> = {}) {
    this.setWeights(weights);
  }

  /** Swaps weights in place; the next pick already uses them. Scores restart so the split is exact from here. */
  setWeights(weights: Record<string, number>): void {
    this.names = Object.keys(weights);
    this.weights = this.names.map((name) => weights[name]!);
    this.scores = this.names.map(() => 0);
  }

  /**
   * Picks among the environments `eligible` accepts (healthy, not excluded by a retry);
   * weight-0 environments are never picked. Returns undefined when none can take the request.
   */
  pick(eligible: (name: string) => boolean = () => true): string | undefined {
    let total = 0;
    let best = -1;
    for (let i = 0; i < this.names.length; i++) {
      const weight = this.weights[i]!;
      if (weight <= 0 || !eligible(this.names[i]!)) continue;
      this.scores[i]! += weight;
      total += weight;
      if (best === -1 || this.scores[i]! > this.scores[best]!) best = i;
    }
    if (best === -1) return undefined;
    this.scores[best]! -= total;
    return this.names[best];
  }
}
