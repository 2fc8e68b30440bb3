import { envStatus, STATUS_TEXT } from '../../lib/env-status';
import { formatErrorRate, formatMs, formatRps } from '../../lib/format';
import { selectEnvironment, selectEnvMetrics } from '../../store/selectors';
import { useTurnout } from '../../store/store-context';

/** The diagram in words, for screen readers (the SVG itself is hidden from them). */
export function TopologyText({ names }: { names: string[] }) {
  return (
    <ul className="sr-only">
      {names.map((name) => (
        <EnvironmentLine key={name} name={name} />
      ))}
    </ul>
  );
}

function EnvironmentLine({ name }: { name: string }) {
  const env = useTurnout(selectEnvironment(name));
  const metrics = useTurnout(selectEnvMetrics(name));
  if (!env) return null;
  return (
    <li>
      {name}: {env.weight} % of new traffic, {STATUS_TEXT[envStatus(env)].toLowerCase()}, {formatRps(metrics?.rps ?? 0)} requests per second, error rate{' '}
      {formatErrorRate(metrics?.errorRate ?? 0)}, p99 latency {formatMs(metrics?.latencyMs.p99 ?? 0)}, {env.inFlight} in flight, {env.openWebSockets} open WebSockets.
    </li>
  );
}
