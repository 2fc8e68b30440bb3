import { useState } from 'react';
import { DEMO_GUIDE } from '../../../../shared/contract/demo';
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

/** First run lands on the demo profile: the guide every view shares (DEMO_GUIDE), with each step's CLI command. */
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
      <p className="muted">Turnout started two small apps, Blue (v1) and Green (v2), behind one proxy. The demo card below adds traffic and faults; a demo usually goes:</p>
      <ol className="intro-steps">
        {DEMO_GUIDE.map((step) => (
          <li key={step.title}>
            <strong>{step.title}</strong>: {step.text} <code className="intro-cli">{step.cli}</code>
          </li>
        ))}
      </ol>
    </section>
  );
}
