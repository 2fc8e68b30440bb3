import { useId } from 'react';
import { envStatus, STATUS_TEXT } from '../../lib/env-status';
import { formatErrorRate, formatMs, formatRps } from '../../lib/format';
import { selectEnvironment, selectEnvMetrics } from '../../store/selectors';
import { useTurnout } from '../../store/store-context';
import { HealthSettings } from './HealthSettings';
import { LastProbe } from './LastProbe';
import { ManagedLogs } from './ManagedLogs';
import { Sparkline } from './Sparkline';

/** One environment: who it is, where it lives, its health, share and live figures. */
export function EnvironmentCard({ name }: { name: string }) {
  const titleId = useId();
  const env = useTurnout(selectEnvironment(name));
  const metrics = useTurnout(selectEnvMetrics(name));
  if (!env) return null;
  const status = envStatus(env);
  return (
    <article className="card environment" aria-labelledby={titleId}>
      <header className="environment-head">
        <span className="swatch swatch-large" style={{ background: env.color }} aria-hidden="true" />
        <h3 id={titleId} className="environment-name">
          {env.name}
        </h3>
        <span className={`health health-${status}`}>{STATUS_TEXT[status]}</span>
      </header>
      <p className="environment-url">{env.url}</p>
      <LastProbe probe={env.lastProbe} />
      <div className="share-bar" aria-hidden="true">
        <span style={{ width: `${env.weight}%`, background: env.color }} />
      </div>
      <dl className="figures">
        <Figure label="Share" className="env-share" value={`${env.weight} %`} />
        <Figure label="req/s" className="env-rps" value={formatRps(metrics?.rps ?? 0)} />
        <Figure label="Errors" className="env-errors" value={formatErrorRate(metrics?.errorRate ?? 0)} />
        <Figure label="p99" className="env-p99" value={formatMs(metrics?.latencyMs.p99 ?? 0)} />
        <Figure label="In flight" className="env-inflight" value={String(env.inFlight)} />
        <Figure label="WebSockets" className="env-ws" value={String(env.openWebSockets)} />
      </dl>
      <Sparkline name={env.name} color={env.color} />
      <p className="muted env-requests-line">
        <span className="env-requests">{env.requests.toLocaleString('en')}</span> requests served
      </p>
      <ManagedLogs name={env.name} />
      <HealthSettings name={env.name} />
    </article>
  );
}

function Figure({ label, value, className }: { label: string; value: string; className: string }) {
  return (
    <div>
      <dt>{label}</dt>
      <dd className={className}>{value}</dd>
    </div>
  );
}
