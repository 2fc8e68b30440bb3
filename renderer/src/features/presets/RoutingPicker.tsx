import { useId } from 'react';
import { routingMethodSchema, type RoutingMethod } from '../../../../shared/domain/profile';
import { selectAffinityHint, selectRouting } from '../../store/selectors';
import { useTurnout } from '../../store/store-context';

const ROUTING_LABEL: Record<RoutingMethod, string> = { 'round-robin': 'Round robin', sticky: 'Sticky sessions', failover: 'Failover' };
const ROUTING_HINT: Record<RoutingMethod, string> = {
  'round-robin': 'Every request split by the ratio, exactly.',
  sticky: 'New clients split by the ratio, then kept on their environment.',
  failover: 'All to the first environment; the next only while it is down.',
};

/** How requests are spread; changing it updates the active profile at once. */
export function RoutingPicker() {
  const id = useId();
  const routing = useTurnout(selectRouting) as RoutingMethod | null;
  const running = useTurnout((s) => s.runningCommand === 'routing');
  const connected = useTurnout((s) => s.connection === 'connected');
  const error = useTurnout((s) => (s.commandError?.command === 'routing' ? s.commandError.message : null));
  const setRouting = useTurnout((s) => s.setRouting);
  const affinity = useTurnout(selectAffinityHint);
  if (!routing) return null;
  return (
    <div className="routing">
      <label htmlFor={id} className="section-title">
        Routing method
      </label>
      <select id={id} className="input select" value={routing} disabled={running || !connected} onChange={(event) => void setRouting(event.currentTarget.value as RoutingMethod)}>
        {routingMethodSchema.options.map((method) => (
          <option key={method} value={method}>
            {ROUTING_LABEL[method]}
          </option>
        ))}
      </select>
      <p className="muted routing-hint">{ROUTING_HINT[routing]}</p>
      {affinity && routing === 'round-robin' && (
        <div className="notice affinity-hint">
          <p>
            <strong>This app needs each client on one environment:</strong> {affinity} seen under round robin. Its clients lose their session (or reconnect in a loop) when requests alternate.
          </p>
          <button type="button" className="button" disabled={running || !connected} onClick={() => void setRouting('sticky')}>
            Switch to sticky sessions
          </button>
        </div>
      )}
      {error && (
        <p className="alert" role="alert">
          Could not change the routing: {error}
        </p>
      )}
    </div>
  );
}
