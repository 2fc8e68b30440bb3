import { envStatus, STATUS_TEXT } from '../../lib/env-status';
import { formatErrorRate, formatMs, formatRps } from '../../lib/format';
import { selectEnvironment, selectEnvMetrics } from '../../store/selectors';
import { useTurnout } from '../../store/store-context';
import type { Point } from './topology-layout';

const BOX_WIDTH = 270;

/** An environment in the diagram: name, applied share, health, and its live figures. */
export function EnvironmentNode({ name, at, halfHeight }: { name: string; at: Point; halfHeight: number }) {
  const env = useTurnout(selectEnvironment(name));
  const metrics = useTurnout(selectEnvMetrics(name));
  if (!env) return null;
  const status = envStatus(env);
  const left = at.x - 100;
  const top = at.y - halfHeight;
  // Many environments leave less room: then only name, share, status and req/s.
  const compact = halfHeight < 56;
  return (
    <g className={`topo-node topo-env topo-status-${status}`} data-env={name}>
      <rect x={left} y={top} width={BOX_WIDTH} height={halfHeight * 2} rx={12} className="topo-box topo-env-box" />
      <rect x={left} y={top} width={8} height={halfHeight * 2} rx={4} fill={env.color} />
      <text x={left + 22} y={top + 30} className="topo-title">
        {env.name}
      </text>
      <text x={left + BOX_WIDTH - 16} y={top + 31} textAnchor="end" className="topo-figure topo-share">
        {env.weight} %
      </text>
      <text x={left + 22} y={top + 54} className="topo-status">
        ● {STATUS_TEXT[status]}
      </text>
      <text x={left + BOX_WIDTH - 16} y={top + 54} textAnchor="end" className="topo-small topo-rps">
        {formatRps(metrics?.rps ?? 0)} req/s
      </text>
      {!compact && (
        <>
          <text x={left + 22} y={top + 80} className="topo-small">
            errors {formatErrorRate(metrics?.errorRate ?? 0)}
          </text>
          <text x={left + BOX_WIDTH - 16} y={top + 80} textAnchor="end" className="topo-small">
            p99 {formatMs(metrics?.latencyMs.p99 ?? 0)}
          </text>
          <text x={left + 22} y={top + 103} className="topo-small">
            in flight {env.inFlight}
          </text>
          <text x={left + BOX_WIDTH - 16} y={top + 103} textAnchor="end" className="topo-small">
            WebSockets {env.openWebSockets}
          </text>
        </>
      )}
    </g>
  );
}
