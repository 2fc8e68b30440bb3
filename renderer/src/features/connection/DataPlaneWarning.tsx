import { selectDataPlaneWarning } from '../../store/selectors';
import { useTurnout } from '../../store/store-context';

/**
 * What the chosen engine costs (nginx: every ratio change is a reload), on every tab: it is
 * most needed right before someone moves the slider.
 */
export function DataPlaneWarning() {
  const warning = useTurnout(selectDataPlaneWarning);
  if (!warning) return null;
  return (
    <p className="banner banner-warning data-plane-warning" role="note">
      <strong>Heads up: </strong>
      {warning}
    </p>
  );
}
