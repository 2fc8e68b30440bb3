import { useState } from 'react';
import type { ProbeResult } from '../../../../shared/contract/state';
import type { HealthCheck } from '../../../../shared/domain/health-settings';
import { errorText } from '../../store/error-text';
import { useTurnout } from '../../store/store-context';

/** "Test now": one probe with the form's settings (saved or not), its result shown inline. */
export function TestNow({ name, check }: { name: string; check: HealthCheck | null }) {
  const probeEnvironment = useTurnout((s) => s.probeEnvironment);
  const [result, setResult] = useState<{ kind: 'testing' } | { kind: 'done'; probe: ProbeResult } | { kind: 'error'; text: string } | null>(null);
  const test = async (): Promise<void> => {
    if (!check) return;
    setResult({ kind: 'testing' });
    try {
      setResult({ kind: 'done', probe: await probeEnvironment(name, check) });
    } catch (error) {
      setResult({ kind: 'error', text: errorText(error) });
    }
  };
  return (
    <>
      <button type="button" className="button" disabled={!check || result?.kind === 'testing'} onClick={() => void test()}>
        {result?.kind === 'testing' ? 'Testing…' : 'Test now'}
      </button>
      {result && result.kind !== 'testing' && (
        <span className={result.kind === 'done' && result.probe.ok ? 'probe-test' : 'probe-test probe-failed'} role="status">
          {result.kind === 'error' ? result.text : probeText(result.probe)}
        </span>
      )}
    </>
  );
}

function probeText(probe: ProbeResult): string {
  return probe.ok ? `OK: ${probe.status} in ${probe.ms} ms` : `Failed: ${probe.error ?? `status ${probe.status}`} after ${probe.ms} ms`;
}
