import { useId, type CSSProperties } from 'react';
import { useShallow } from 'zustand/react/shallow';
import { selectAppliedValue, selectEnvironment, selectIsPending, selectSliderValue } from '../../store/selectors';
import { useTurnout } from '../../store/store-context';
import { sliderRatioText, sliderValueText, thumbPosition } from './ratio-text';

const THUMB_PX = 22;

/**
 * The two-environment slider. It only moves the draft: nothing changes until Apply. Its value
 * is the first environment's weight; the second takes the rest.
 */
export function RatioSlider({ pair }: { pair: [string, string] }) {
  const id = useId();
  const value = useTurnout(selectSliderValue) ?? 0;
  const applied = useTurnout(selectAppliedValue) ?? 0;
  const pending = useTurnout(selectIsPending);
  const colors = useTurnout(useShallow((s) => pair.map((name) => selectEnvironment(name)(s)?.color ?? '#888888')));
  const setDraft = useTurnout((s) => s.setDraft);
  const [first, second] = pair;
  const trackStyle = {
    '--first': colors[0],
    '--second': colors[1],
    '--split': thumbPosition(value, THUMB_PX),
    '--applied': thumbPosition(applied, THUMB_PX),
    '--thumb': `${THUMB_PX}px`,
  } as CSSProperties;

  return (
    <div className="ratio-slider">
      <div className="ratio-head">
        <label htmlFor={id} className="ratio-label">
          Traffic ratio
        </label>
        <span className={pending ? 'badge badge-pending' : 'badge'}>{pending ? 'Pending' : 'Applied'}</span>
      </div>
      <p className="ratio-value">
        {sliderRatioText(pair, value)}
      </p>
      <div className="ratio-track" style={trackStyle}>
        <input
          id={id}
          className="ratio-range"
          type="range"
          min={0}
          max={100}
          step={1}
          value={value}
          aria-valuetext={sliderValueText(pair, value)}
          onChange={(event) => setDraft(Number(event.currentTarget.value))}
        />
        {pending && <span className="ratio-applied-mark" title={`Applied: ${sliderRatioText(pair, applied)}`} aria-hidden="true" />}
      </div>
      <div className="ratio-ends" aria-hidden="true">
        <span>
          <i className="swatch" style={{ background: colors[0] }} /> {first} {value} %
        </span>
        <span>
          {second} {100 - value} % <i className="swatch" style={{ background: colors[1] }} />
        </span>
      </div>
      <p className="ratio-status">
        {pending ? (
          <>
            Pending <strong>{sliderRatioText(pair, value)}</strong> · applied <strong>{sliderRatioText(pair, applied)}</strong>
          </>
        ) : (
          <>
            Applied <strong>{sliderRatioText(pair, applied)}</strong>
          </>
        )}
      </p>
    </div>
  );
}
