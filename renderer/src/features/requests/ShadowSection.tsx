import { useEffect, useState } from 'react';
import { useShallow } from 'zustand/react/shallow';
import type { ShadowRoute } from '../../../../shared/contract/shadow';
import { useTurnout } from '../../store/store-context';

const ms = (value: number | null) => (value === null ? '–' : `${value.toFixed(1)} ms`);

/**
 * Shadow and compare: copies of a share of live GET/HEAD requests go to another environment
 * too (the client only ever gets the real answer), compared per route. An example pair opens
 * its request in the inspector.
 */
export function ShadowSection() {
  const names = useTurnout(useShallow((s) => (s.server?.environments ?? []).map((env) => env.name)));
  const { shadow, error, load, start, stop, select } = useTurnout(
    useShallow((s) => ({ shadow: s.shadow, error: s.shadowError, load: s.loadShadow, start: s.startShadow, stop: s.stopShadow, select: s.selectRequest })),
  );
  const [open, setOpen] = useState(false);
  const [environment, setEnvironment] = useState('');
  const [percent, setPercent] = useState('10');
  // Asked for once when opened; from then on the `shadow` event keeps it current (no polling).
  useEffect(() => {
    if (open) void load();
  }, [open, load]);
  const target = environment || names.at(-1) || '';
  const share = Number(percent);
  const valid = target !== '' && percent.trim() !== '' && share > 0 && share <= 100;

  return (
    <details className="card shadow" onToggle={(event) => setOpen(event.currentTarget.open)}>
      <summary>
        Shadow compare{shadow?.active ? ` · on, ${shadow.percent} % to ${shadow.environment}` : ''}
      </summary>
      <div className="replay-controls">
        <label>
          Shadow to
          <select value={target} onChange={(event) => setEnvironment(event.target.value)}>
            {names.map((name) => (
              <option key={name} value={name}>
                {name}
              </option>
            ))}
          </select>
        </label>
        <label>
          Percent
          <input type="number" min={1} max={100} value={percent} onChange={(event) => setPercent(event.target.value)} />
        </label>
        <button type="button" className="button" disabled={!valid} onClick={() => void start(target, share)}>
          {shadow?.active ? 'Restart shadow' : 'Start shadow'}
        </button>
        <button type="button" className="button" disabled={!shadow?.active} onClick={() => void stop()}>
          Stop shadow
        </button>
      </div>
      {error && (
        <p className="alert" role="alert">
          Shadow: {error}
        </p>
      )}
      {shadow && shadow.environment !== null && (
        <p className="muted" aria-live="polite">
          {shadow.active ? 'On' : 'Off'}: sampled {shadow.sampled}, compared {shadow.compared}, dropped {shadow.dropped} (queue full)
          {shadow.overCap > 0 ? `, ${shadow.overCap} over 1 MiB (status and latency only)` : ''}
        </p>
      )}
      {shadow && shadow.routes.length > 0 && <ShadowTable routes={shadow.routes} onOpen={(seq) => void select(seq)} />}
    </details>
  );
}

function ShadowTable({ routes, onOpen }: { routes: ShadowRoute[]; onOpen: (seq: number) => void }) {
  return (
    <table className="shadow-routes" aria-label="Shadow results per route">
      <thead>
        <tr>
          <th scope="col">Route</th>
          <th scope="col">Pairs</th>
          <th scope="col">Mismatch</th>
          <th scope="col">p99 primary</th>
          <th scope="col">p99 shadow</th>
          <th scope="col">Examples that differ</th>
        </tr>
      </thead>
      <tbody>
        {routes.map((route) => (
          <tr key={route.route}>
            <th scope="row">{route.route}</th>
            <td>{route.pairs}</td>
            <td>{(route.mismatchRate * 100).toFixed(1)} %</td>
            <td>{ms(route.p99Ms.primary)}</td>
            <td>{ms(route.p99Ms.shadow)}</td>
            <td>
              {route.examples.slice(0, 3).map((example) => (
                <button key={example.seq} type="button" className="link-button" title={example.differences.join('\n')} onClick={() => onOpen(example.seq)}>
                  #{example.seq} {example.differences[0]}
                </button>
              ))}
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
