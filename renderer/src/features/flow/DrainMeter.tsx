import type { DrainMeter as Meter } from '../../../../shared/contract/flow';
import { formatCountdown } from './flow-text';

/**
 * The drain meter: what is still open on the draining environment, and when each kind of
 * client gets its end. "Safe to update" follows only when every count is 0 (and, with
 * sticky routing, the session window has closed).
 */
export function DrainMeter({ meter, now }: { meter: Meter; now: number }) {
  const plain = meter.inFlight - meter.streams;
  return (
    <div className="drain-meter" data-testid="drain-meter">
      <dl className="drain-counts">
        <Count label="Requests in flight" value={plain} />
        <Count label="Event streams" value={meter.streams} />
        <Count label="WebSockets" value={meter.webSockets} />
      </dl>
      <ol className="drain-schedule">
        {meter.sticky && <Milestone done={meter.sessionsClosed} at={meter.sessionsAt} now={now} todo="Sticky clients move to the other side in" done-text="Sticky clients moved" />}
        <Milestone done={meter.connectionsEnded} at={meter.connectionsAt} now={now} todo="WebSockets (1001 Going Away) and event streams close in" done-text="WebSockets and event streams closed" />
        <Milestone done={now >= meter.cutAt} at={meter.cutAt} now={now} todo="Requests still in flight are cut in" done-text="Requests still in flight were cut" />
      </ol>
    </div>
  );
}

function Count({ label, value }: { label: string; value: number }) {
  return (
    <div className={`drain-count${value === 0 ? ' drain-count-zero' : ''}`}>
      <dt>{label}</dt>
      <dd>{value}</dd>
    </div>
  );
}

function Milestone({ done, at, now, todo, ...text }: { done: boolean; at: number; now: number; todo: string; 'done-text': string }) {
  return <li className={done ? 'drain-done' : undefined}>{done ? text['done-text'] : <>{todo} <strong>{formatCountdown(at, now)}</strong></>}</li>;
}
