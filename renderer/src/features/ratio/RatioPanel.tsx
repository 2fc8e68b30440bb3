import { useShallow } from 'zustand/react/shallow';
import { formatRatio } from '../../../../shared/domain/ratio';
import { selectAppliedWeights, selectEnvironmentNames, selectPair } from '../../store/selectors';
import { useTurnout } from '../../store/store-context';
import { RatioActions } from './RatioActions';
import { RatioSlider } from './RatioSlider';

/** The traffic ratio: a slider for two environments, a note for more (per-environment weights come later). */
export function RatioPanel() {
  const pair = useTurnout(useShallow(selectPair));
  return (
    <section className="card ratio-panel">
      {pair ? (
        <>
          <RatioSlider pair={pair} />
          <RatioActions />
        </>
      ) : (
        <ManyEnvironmentsNote />
      )}
    </section>
  );
}

function ManyEnvironmentsNote() {
  const names = useTurnout(useShallow(selectEnvironmentNames));
  const weights = useTurnout(useShallow(selectAppliedWeights));
  const example = names.map((name) => weights[name] ?? 0).join(':');
  return (
    <>
      <div className="ratio-head">
        <h2 className="ratio-label">Traffic ratio</h2>
        <span className="badge">Applied</span>
      </div>
      <p className="ratio-value">{formatRatio(weights, names)}</p>
      <p className="muted">
        The slider handles two environments; this profile has {names.length}. Per-environment weights arrive in a later
        version. Until then, change the ratio from a terminal: <code>turnout ratio {example}</code>
      </p>
    </>
  );
}
