import { useShallow } from 'zustand/react/shallow';
import { selectRpsSeries } from '../../store/selectors';
import { useTurnout } from '../../store/store-context';
import { sparklinePoints } from './sparkline';

const WIDTH = 240;
const HEIGHT = 36;
const SECONDS = 60;

/** The last minute of req/s as a small line: enough to see a drain or a spike. */
export function Sparkline({ name, color }: { name: string; color: string }) {
  const series = useTurnout(useShallow(selectRpsSeries(name, SECONDS)));
  return (
    <svg className="sparkline" viewBox={`0 0 ${WIDTH} ${HEIGHT}`} preserveAspectRatio="none" role="img" aria-label={`${name}: requests per second over the last minute`}>
      <line x1={0} x2={WIDTH} y1={HEIGHT - 0.5} y2={HEIGHT - 0.5} className="sparkline-base" />
      {series.length > 0 && <polyline points={sparklinePoints(series, WIDTH, HEIGHT)} fill="none" stroke={color} strokeWidth={2} vectorEffect="non-scaling-stroke" />}
    </svg>
  );
}
