import { useEffect, useMemo } from 'react';
import { useShallow } from 'zustand/react/shallow';
import { matchesFilter } from '../../../../shared/contract/inspect';
import { useTurnout } from '../../store/store-context';
import { RequestDetailPane } from './RequestDetailPane';
import { RequestFilters } from './RequestFilters';
import { RequestList } from './RequestList';
import { ShadowSection } from './ShadowSection';

/** Every proxied request, live: filters, pause, a virtualized list and the selected one's detail. */
export function RequestsView() {
  const { requests, filter, status, error, paused, missed, selected } = useTurnout(
    useShallow((s) => ({
      requests: s.requests,
      filter: s.requestFilter,
      status: s.requestsStatus,
      error: s.requestsError,
      paused: s.requestsPaused,
      missed: s.requestsMissed,
      selected: s.selectedRequest,
    })),
  );
  const { loadRequests, setPaused, select } = useTurnout(useShallow((s) => ({ loadRequests: s.loadRequests, setPaused: s.setRequestsPaused, select: s.selectRequest })));
  useEffect(() => {
    void loadRequests();
  }, [loadRequests]);
  // Newest first, as a log viewer shows them.
  const shown = useMemo(() => requests.filter((record) => matchesFilter(record, filter)).reverse(), [requests, filter]);

  return (
    <section className="requests" aria-labelledby="requests-title">
      <div className="view-head">
        <h2 id="requests-title" className="section-title">
          Requests
        </h2>
        <span className="muted" aria-live="polite">
          {paused ? `Paused · ${missed} new not shown` : `${shown.length} shown of ${requests.length}`}
        </span>
        <button type="button" className="button" aria-pressed={paused} onClick={() => setPaused(!paused)}>
          {paused ? 'Resume list' : 'Pause list'}
        </button>
      </div>
      <ShadowSection />
      <RequestFilters />
      {error && (
        <p className="alert" role="alert">
          Could not load the requests: {error}
        </p>
      )}
      <div className="requests-body">
        {shown.length === 0 ? (
          <p className="card muted">{status === 'ready' ? 'No requests match yet. Send some through the proxy.' : 'Loading the requests…'}</p>
        ) : (
          <RequestList records={shown} selected={selected} onSelect={(seq) => void select(seq)} />
        )}
        {selected !== null && <RequestDetailPane onClose={() => void select(null)} />}
      </div>
    </section>
  );
}
