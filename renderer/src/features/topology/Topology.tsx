import { useShallow } from 'zustand/react/shallow';
import { selectEnvironmentNames, selectLatestSample, selectRouting } from '../../store/selectors';
import { useTurnout } from '../../store/store-context';
import { formatRps } from '../../lib/format';
import { EnvironmentNode } from './EnvironmentNode';
import { FlowEdge } from './FlowEdge';
import { TopologyText } from './TopologyText';
import { topologyLayout } from './topology-layout';

const ROUTING_TEXT: Record<string, string> = { 'round-robin': 'round robin', sticky: 'sticky sessions', failover: 'failover' };

/**
 * Clients → Turnout → each environment. Edge width is the applied weight, the dashes move
 * as fast as real requests flow, node colour is health. Sized by viewBox so it stays
 * readable from across a room at any window width.
 */
export function Topology() {
  const names = useTurnout(useShallow(selectEnvironmentNames));
  const routing = useTurnout(selectRouting);
  const totalRps = useTurnout((s) => {
    const sample = selectLatestSample(s);
    return sample ? Object.values(sample.environments).reduce((sum, env) => sum + env.rps, 0) : 0;
  });
  const layout = topologyLayout(names.length);
  const { clients, turnout } = layout;
  const summary = `Traffic topology: clients to Turnout to ${names.join(', ')}`;
  return (
    <figure className="card topology" role="figure" aria-label={summary}>
      <svg className="topology-svg" viewBox={`0 0 ${layout.width} ${layout.height}`} aria-hidden="true" focusable="false">
        <FlowEdge from={{ x: clients.x + 56, y: clients.y }} to={{ x: turnout.x - 80, y: turnout.y }} weight={100} rps={totalRps} color="var(--muted)" />
        {names.map((name, index) => (
          <FlowEdge key={name} name={name} from={{ x: turnout.x + 80, y: turnout.y }} to={{ x: layout.environments[index]!.x - 100, y: layout.environments[index]!.y }} />
        ))}
        <g className="topo-node">
          <circle cx={clients.x} cy={clients.y} r={54} className="topo-box" />
          <text x={clients.x} y={clients.y - 6} textAnchor="middle" className="topo-title">
            Clients
          </text>
          <text x={clients.x} y={clients.y + 22} textAnchor="middle" className="topo-figure topo-total">
            {formatRps(totalRps)} req/s
          </text>
        </g>
        <g className="topo-node">
          <rect x={turnout.x - 80} y={turnout.y - 46} width={160} height={92} rx={14} className="topo-box topo-turnout" />
          <text x={turnout.x} y={turnout.y - 6} textAnchor="middle" className="topo-title">
            Turnout
          </text>
          <text x={turnout.x} y={turnout.y + 22} textAnchor="middle" className="topo-small">
            {routing ? ROUTING_TEXT[routing] ?? routing : ''}
          </text>
        </g>
        {names.map((name, index) => (
          <EnvironmentNode key={name} name={name} at={layout.environments[index]!} halfHeight={layout.envHalfHeight} />
        ))}
      </svg>
      <TopologyText names={names} />
    </figure>
  );
}
