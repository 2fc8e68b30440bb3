import { useShallow } from 'zustand/react/shallow';
import { selectEnvironments } from '../../store/selectors';
import { useTurnout } from '../../store/store-context';
import { PresetButtons } from '../presets/PresetButtons';
import { Topology } from '../topology/Topology';

/**
 * For a room: the applied ratio in type readable from the back, the topology at full
 * width, and the presets (1…9 on the keyboard). Nothing else competes for the screen.
 */
export function PresenterView() {
  const shares = useTurnout(useShallow((s) => selectEnvironments(s).map((env) => `${env.name}\t${env.color}\t${env.weight}`)));
  return (
    <section className="presenter" aria-labelledby="presenter-title">
      <h2 id="presenter-title" className="sr-only">
        Presenter view
      </h2>
      <p className="presenter-ratio">
        {/* Read as one sentence; the large figures below are for eyes only. */}
        <span className="sr-only">Traffic ratio: {shares.map((line) => line.split('\t')).map(([name, , weight]) => `${name} ${weight} %`).join(', ')}</span>
        {shares.map((line) => {
          const [name, color, weight] = line.split('\t') as [string, string, string];
          return (
            <span key={name} className="presenter-share" data-env={name} aria-hidden="true">
              <i className="presenter-swatch" style={{ background: color }} />
              <span className="presenter-name">{name}</span>
              <strong className="presenter-weight">{weight} %</strong>
            </span>
          );
        })}
      </p>
      <Topology />
      <div className="card presenter-presets">
        <PresetButtons />
      </div>
      <p className="muted presenter-hint">1 … 9 apply a preset · P or Esc leaves the presenter view · ? lists the shortcuts</p>
    </section>
  );
}
