import type { GuardView } from '../../../../shared/contract/flow';
import { formatMs } from '../../lib/format';
import { envTitle, formatRate } from './flow-text';

/** During a ramp: the figures the guard compared last, new side against old. */
export function FlowGuard({ guard, first }: { guard: GuardView; first: string }) {
  return (
    <div className="flow-guard">
      <h3 className="section-title">Guard</h3>
      <dl className="figures">
        <div>
          <dt>{envTitle(first)} errors</dt>
          <dd>{formatRate(guard.newErrorRate)}</dd>
        </div>
        <div>
          <dt>Others' errors</dt>
          <dd>{formatRate(guard.oldErrorRate)}</dd>
        </div>
        <div>
          <dt>p99 new / old</dt>
          <dd>
            {formatMs(guard.newP99Ms)} / {formatMs(guard.oldP99Ms)}
          </dd>
        </div>
      </dl>
      <p className="muted flow-detail">{guard.newRequests} requests to {first} in the window</p>
      {guard.breach && (
        <p className="alert" role="alert">
          Guard breach: {guard.breach}
        </p>
      )}
    </div>
  );
}
