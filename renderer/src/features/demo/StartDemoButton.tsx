import { selectIsDemo } from '../../store/selectors';
import { useTurnout } from '../../store/store-context';

/**
 * Outside demo mode: one click switches to the demo profile (created if needed, on this
 * profile's listen address, so the proxy URL keeps working) and sends some traffic.
 */
export function StartDemoButton() {
  const demo = useTurnout(selectIsDemo);
  const starting = useTurnout((s) => s.demoCommand === 'start');
  const error = useTurnout((s) => (s.demoError?.command === 'start' ? s.demoError.message : null));
  const connected = useTurnout((s) => s.connection === 'connected');
  const startDemo = useTurnout((s) => s.startDemo);
  if (demo) return null;
  return (
    <>
      <button
        type="button"
        className="button"
        disabled={starting || !connected}
        title="Switches to the Demo profile: two small apps run by Turnout, with traffic"
        onClick={() => void startDemo()}
      >
        {starting ? 'Starting the demo…' : 'Start the demo'}
      </button>
      {error && (
        <p className="alert" role="alert">
          Could not start the demo: {error}
        </p>
      )}
    </>
  );
}
