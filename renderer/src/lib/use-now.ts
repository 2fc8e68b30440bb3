import { useEffect, useState } from 'react';

/**
 * The current time, re-read every `intervalMs` while `active`: enough for a countdown
 * without a timer running when nothing counts down.
 */
export function useNow(active: boolean, intervalMs = 500): number {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    if (!active) return;
    const tick = (): void => setNow(Date.now());
    // The value held may be old when counting starts: refresh it right away, then steadily.
    const first = setTimeout(tick, 0);
    const timer = setInterval(tick, intervalMs);
    return () => {
      clearTimeout(first);
      clearInterval(timer);
    };
  }, [active, intervalMs]);
  return now;
}
