import { useShallow } from 'zustand/react/shallow';
import { selectPair } from '../../store/selectors';
import { useTurnout } from '../../store/store-context';
import { PresetButtons } from '../presets/PresetButtons';
import { RoutingPicker } from '../presets/RoutingPicker';
import { RatioActions } from './RatioActions';
import { RatioSlider } from './RatioSlider';
import { WeightInputs } from './WeightInputs';

/** The traffic ratio: a slider for two environments, one weight each for more; presets and routing below. */
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
        <WeightInputs />
      )}
      <div className="ratio-extras">
        <PresetButtons />
        <RoutingPicker />
      </div>
    </section>
  );
}
