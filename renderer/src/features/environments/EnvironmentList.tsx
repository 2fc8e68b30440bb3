import { useShallow } from 'zustand/react/shallow';
import { selectEnvironmentNames } from '../../store/selectors';
import { useTurnout } from '../../store/store-context';
import { EnvironmentCard } from './EnvironmentCard';

export function EnvironmentList() {
  const names = useTurnout(useShallow(selectEnvironmentNames));
  return (
    <section className="environments" aria-labelledby="environments-title">
      <h2 id="environments-title" className="section-title">
        Environments
      </h2>
      {names.length === 0 ? (
        <p className="card muted">This profile has no environments.</p>
      ) : (
        <ul className="environment-list">
          {names.map((name) => (
            <li key={name}>
              <EnvironmentCard name={name} />
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
