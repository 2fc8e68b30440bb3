import { useState } from 'react';
import { selectFlow } from '../../store/selectors';
import { useTurnout } from '../../store/store-context';
import { FLOW_STATUS_TEXT, endText } from './flow-text';
import { FlowSteps } from './FlowSteps';
import { FlowWaiting } from './FlowWaiting';
import { StartUpdateForm } from './StartUpdateForm';

/**
 * The guided blue-green update on the Overview: while one runs, its steps and what the
 * active one waits for; otherwise how the last one ended and a way to start the next.
 */
export function FlowPanel() {
  const flow = useTurnout(selectFlow);
  const [planning, setPlanning] = useState(false);
  const running = flow?.status === 'running';
  return (
    <section className="card flow-panel" aria-labelledby="flow-title">
      <div className="flow-head">
        <h2 id="flow-title" className="flow-title">
          Guided update
        </h2>
        {flow && <span className={`badge flow-status flow-status-${flow.status}`}>{FLOW_STATUS_TEXT[flow.status]}</span>}
        {!running && !planning && (
          <button type="button" className="button button-small flow-plan" onClick={() => setPlanning(true)}>
            Start an update…
          </button>
        )}
      </div>
      {running ? (
        <div className="flow-body">
          <FlowSteps flow={flow} />
          <FlowWaiting flow={flow} />
        </div>
      ) : (
        <>
          {flow ? (
            <p className={`flow-end flow-end-${flow.status}`}>{endText(flow)}</p>
          ) : (
            !planning && <p className="muted">Drain one environment, update it, verify it, swap, then the other: one step at a time, without dropping a request.</p>
          )}
          {planning && <StartUpdateForm onDone={() => setPlanning(false)} />}
        </>
      )}
    </section>
  );
}
