import { useEffect, useState } from 'react';
import type { ProbeResult } from '../../../../shared/contract/state';
import { formatAge } from '../../lib/format';

/** "Last check 2 s ago: 200 in 3 ms", or why it failed. The age ticks once a second. */
export function LastProbe({ probe }: { probe: ProbeResult | null }) {
  const now = useNow(1000);
  if (!probe) return <p className="probe muted">No health check yet</p>;
  const result = probe.ok ? `${probe.status ?? 'OK'} in ${probe.ms} ms` : (probe.error ?? `status ${probe.status}`);
  return (
    <p className={probe.ok ? 'probe' : 'probe probe-failed'}>
      <span className="muted">Last check {formatAge(probe.at, now)}:</span> <span className="probe-result">{result}</span>
    </p>
  );
}

function useNow(intervalMs: number): number {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    const timer = setInterval(() => setNow(Date.now()), intervalMs);
    return () => clearInterval(timer);
  }, [intervalMs]);
  return now;
}
