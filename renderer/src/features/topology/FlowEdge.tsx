import type { CSSProperties } from 'react';
import { selectEnvironment, selectEnvMetrics } from '../../store/selectors';
import { useTurnout } from '../../store/store-context';
import { edgePath, edgeWidth, flowSeconds, type Point } from './topology-layout';

/**
 * One edge. Given a `name` it follows that environment's applied weight, colour and
 * req/s; otherwise the explicit props (the clients → Turnout edge).
 */
export function FlowEdge(props: { from: Point; to: Point; name?: string; weight?: number; rps?: number; color?: string }) {
  const env = useTurnout((s) => (props.name ? selectEnvironment(props.name)(s) : undefined));
  const envRps = useTurnout((s) => (props.name ? selectEnvMetrics(props.name)(s)?.rps ?? 0 : 0));
  const weight = props.weight ?? env?.weight ?? 0;
  const rps = props.rps ?? envRps;
  const color = props.color ?? env?.color ?? 'var(--muted)';
  const d = edgePath(props.from, props.to);
  const width = edgeWidth(weight);
  const seconds = flowSeconds(rps);
  return (
    <g className={weight === 0 ? 'topo-edge topo-edge-off' : 'topo-edge'}>
      <path d={d} stroke={color} strokeWidth={width} fill="none" strokeLinecap="round" className="topo-edge-base" />
      {seconds !== null && (
        <path
          d={d}
          fill="none"
          strokeWidth={Math.max(2, width / 3)}
          strokeLinecap="round"
          className="topo-flow"
          style={{ '--flow-duration': `${seconds}s` } as CSSProperties}
        />
      )}
    </g>
  );
}
