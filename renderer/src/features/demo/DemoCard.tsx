import { useShallow } from 'zustand/react/shallow';
import { selectDemoAppNames } from '../../store/selectors';
import { useTurnout } from '../../store/store-context';
import { DemoAppRow } from './DemoAppRow';
import { DemoLoad } from './DemoLoad';
import { ProxyQr } from './ProxyQr';

/** Demo mode only: the apps Turnout runs, their faults, the load generator, and the demo page as a QR code. */
export function DemoCard() {
  const names = useTurnout(useShallow(selectDemoAppNames));
  const error = useTurnout((s) => s.demoError);
  if (names.length === 0) return null;
  return (
    <section className="card demo-card" aria-labelledby="demo-title">
      <h2 id="demo-title" className="section-title">
        Demo apps
      </h2>
      <ul className="demo-apps">
        {names.map((name) => (
          <DemoAppRow key={name} name={name} />
        ))}
      </ul>
      <DemoLoad />
      <ProxyQr />
      {error && (
        <p className="alert" role="alert">
          Could not {error.command === 'load' ? 'set the load' : 'change the demo app'}: {error.message}
        </p>
      )}
    </section>
  );
}
