import { SmoothWeightedBalancer } from '../../electron/core/balancer/smooth-weighted';
import { servedBy } from './backends';

/**
 * Polls the proxy request by request until its answers follow the new ratio. A ratio change
 * restarts smooth weighted round robin, so from the switch on the answers are exactly a fresh
 * balancer's sequence: the first request of that tail is the first one served at the new ratio.
 */
export async function firstRequestAtNewRatio(proxyUrl: string, weights: Record<string, number>): Promise<{ at: number; before: number }> {
  const balancer = new SmoothWeightedBalancer(weights);
  const expected = Array.from({ length: 2000 }, () => balancer.pick());
  const seen: { name: string; at: number }[] = [];
  while (seen.length < expected.length) {
    const [name] = await servedBy(proxyUrl, 1);
    seen.push({ name: name!, at: performance.timeOrigin + performance.now() });
    for (let start = Math.max(0, seen.length - 12); start <= seen.length - 5; start++) {
      if (seen.slice(start).every((entry, index) => entry.name === expected[index])) return { at: seen[start]!.at, before: start };
    }
  }
  throw new Error(`the proxy never switched to ${JSON.stringify(weights)}: ${seen.map((entry) => entry.name).join(' ')}`);
}
