import { useId } from 'react';
import { selectEnvironment } from '../../store/selectors';
import { useTurnout } from '../../store/store-context';

const HEALTH_TEXT = { up: 'Up', down: 'Down', unknown: 'Not checked' } as const;

/** One environment: who it is, where it lives, its applied share and live counters. */
export function EnvironmentCard({ name }: { name: string }) {
  const titleId = useId();
  const env = useTurnout(selectEnvironment(name));
  if (!env) return null;
  return (
    <article className="card environment" aria-labelledby={titleId}>
      <header className="environment-head">
        <span className="swatch swatch-large" style={{ background: env.color }} aria-hidden="true" />
        <h3 id={titleId} className="environment-name">
          {env.name}
        </h3>
        <span className={`health health-${env.health}`}>{HEALTH_TEXT[env.health]}</span>
      </header>
      <p className="environment-url">{env.url}</p>
      <div className="share-bar" aria-hidden="true">
        <span style={{ width: `${env.weight}%`, background: env.color }} />
      </div>
      <dl className="figures">
        <div>
          <dt>Share</dt>
          <dd className="env-share">{env.weight} %</dd>
        </div>
        <div>
          <dt>In flight</dt>
          <dd className="env-inflight">{env.inFlight}</dd>
        </div>
        <div>
          <dt>Requests</dt>
          <dd className="env-requests">{env.requests.toLocaleString('en')}</dd>
        </div>
      </dl>
    </article>
  );
}
