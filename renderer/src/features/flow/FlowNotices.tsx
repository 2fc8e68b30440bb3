import { useEffect } from 'react';
import { formatClock } from '../../lib/format';
import type { FlowNoticeItem } from '../../store/flow-slice';
import { selectFlowNotices } from '../../store/selectors';
import { useTurnout } from '../../store/store-context';

/** Information fades by itself; warnings and errors stay until dismissed. */
const INFO_VISIBLE_MS = 12_000;

/** The flow's notifications (a rollback, a failed step, a finished update) as toasts on every tab. */
export function FlowNotices() {
  const notices = useTurnout(selectFlowNotices);
  // Always in the page, so assistive technology knows the region before the first toast. A
  // labelled <section> (a region landmark): aria-label on a bare <div> is prohibited by ARIA.
  return (
    <section className="toasts" aria-label="Notifications">
      {notices.map((notice) => (
        <Toast key={notice.id} notice={notice} />
      ))}
    </section>
  );
}

function Toast({ notice }: { notice: FlowNoticeItem }) {
  const dismiss = useTurnout((s) => s.dismissFlowNotice);
  const urgent = notice.level !== 'info';
  useEffect(() => {
    if (urgent) return;
    const timer = setTimeout(() => dismiss(notice.id), INFO_VISIBLE_MS);
    return () => clearTimeout(timer);
  }, [urgent, dismiss, notice.id]);
  return (
    // Polite for every level: a rollback is heard once, after what the person is hearing now.
    <div className={`toast toast-${notice.level}`} role="status">
      <p className="toast-text">
        <span className="toast-time">{formatClock(notice.at)}</span> {notice.message}
      </p>
      <button type="button" className="button button-small toast-close" aria-label={`Dismiss: ${notice.message}`} onClick={() => dismiss(notice.id)}>
        ✕
      </button>
    </div>
  );
}
