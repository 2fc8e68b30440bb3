import { useState } from 'react';
import { selectIsDemo } from '../../store/selectors';
import { useTurnout } from '../../store/store-context';

const DISMISSED_KEY = 'turnout.intro.dismissed';

function readDismissed(): boolean {
  try {
    return localStorage.getItem(DISMISSED_KEY) === '1';
  } catch {
    return false; // Storage can be off (privacy settings): then it shows each time.
  }
}

/** First run lands on the demo profile: say in five steps what blue-green means here. */
export function DemoIntro() {
  const demo = useTurnout(selectIsDemo);
  const [dismissed, setDismissed] = useState(readDismissed);
  if (!demo || dismissed) return null;
  const dismiss = (): void => {
    try {
      localStorage.setItem(DISMISSED_KEY, '1');
    } catch {
      // Not remembered, but still hidden for now.
    }
    setDismissed(true);
  };
  return (
    <section className="card intro" aria-labelledby="intro-title">
      <div className="intro-head">
        <h2 id="intro-title">Welcome: this is a demo of a blue-green update</h2>
        <button type="button" className="button button-small" onClick={dismiss}>
          Got it
        </button>
      </div>
      <p className="muted">Turnout started two small apps, Blue (v1) and Green (v2), and splits the traffic between them. An update without errors goes:</p>
      <ol className="intro-steps">
        <li>
          <strong>Drain Blue</strong>: set the ratio to 0 … 100 and wait until Blue shows <em>Drained</em>.
        </li>
        <li>
          <strong>Update Blue</strong> and check it answers (its health turns <em>Up</em>).
        </li>
        <li>
          <strong>Swap</strong>: 100 … 0, so Green drains.
        </li>
        <li>
          <strong>Update Green</strong> the same way.
        </li>
        <li>
          <strong>Restore</strong> the ratio you started from.
        </li>
      </ol>
    </section>
  );
}
