import { formatRatio } from '../../../../shared/domain/ratio';
import type { FlowView } from '../../../../shared/contract/flow';
import { STEP_STATE_TEXT } from './flow-text';

const STEP_MARK = { pending: '○', active: '▶', done: '✓', failed: '✕' } as const;

/** The plan as a checklist: each step's state in words (not colour alone) and the ratio it sets. */
export function FlowSteps({ flow }: { flow: FlowView }) {
  const names = Object.keys(flow.restoreWeights);
  return (
    <ol className="flow-steps" aria-label="Update steps">
      {flow.steps.map((step, index) => (
        <li key={`${index}-${step.label}`} className={`flow-step flow-step-${step.state}`} aria-current={step.state === 'active' ? 'step' : undefined}>
          <span className="flow-step-mark" aria-hidden="true">
            {STEP_MARK[step.state]}
          </span>
          <span className="flow-step-label">{step.label}</span>
          {step.weights && <span className="flow-step-ratio">{formatRatio(step.weights, names)}</span>}
          <span className="flow-step-state">{STEP_STATE_TEXT[step.state]}</span>
        </li>
      ))}
    </ol>
  );
}
