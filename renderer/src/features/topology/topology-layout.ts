/**
 * Geometry of the topology diagram, kept pure so it is unit-tested: clients on the left,
 * Turnout in the middle, the environments stacked on the right, one curved edge each.
 */
export interface Point {
  x: number;
  y: number;
}

export interface TopologyLayout {
  width: number;
  height: number;
  clients: Point;
  turnout: Point;
  environments: Point[];
  /** Half the height of an environment box. */
  envHalfHeight: number;
}

export const TOPOLOGY_WIDTH = 880;
const ROW_HEIGHT = 140;
const MIN_HEIGHT = 280;
const PADDING = 24;

export function topologyLayout(count: number): TopologyLayout {
  const height = Math.max(MIN_HEIGHT, PADDING * 2 + count * ROW_HEIGHT);
  const middle = height / 2;
  const rows = Math.max(1, count);
  const rowHeight = (height - PADDING * 2) / rows;
  return {
    width: TOPOLOGY_WIDTH,
    height,
    clients: { x: 80, y: middle },
    turnout: { x: 330, y: middle },
    environments: Array.from({ length: count }, (_, index) => ({ x: 700, y: PADDING + rowHeight * (index + 0.5) })),
    envHalfHeight: Math.min(60, rowHeight / 2 - 6),
  };
}

/** A smooth S-curve from one point to another (the edge from Turnout to an environment). */
export function edgePath(from: Point, to: Point): string {
  const mid = (from.x + to.x) / 2;
  return `M ${from.x} ${from.y} C ${mid} ${from.y}, ${mid} ${to.y}, ${to.x} ${to.y}`;
}

/** Stroke width from the applied weight: a hairline at 0, up to 18 px at 100. */
export function edgeWidth(weight: number): number {
  const clamped = Math.min(100, Math.max(0, weight));
  return clamped === 0 ? 1.5 : 3 + (clamped / 100) * 15;
}

/**
 * Seconds for one dash cycle of the flow animation: faster with more requests per second,
 * on a log scale so 10 and 10 000 req/s both read. Null: nothing flows, do not animate.
 */
export function flowSeconds(rps: number): number | null {
  if (!Number.isFinite(rps) || rps <= 0) return null;
  const seconds = 2.4 / (1 + Math.log10(1 + rps));
  return Math.round(Math.max(0.25, Math.min(2.4, seconds)) * 100) / 100;
}
