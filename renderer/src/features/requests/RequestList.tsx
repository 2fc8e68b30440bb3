import { useVirtualizer } from '@tanstack/react-virtual';
import { useRef } from 'react';
import type { RequestRecord } from '../../../../shared/contract/inspect';
import { clockTime, statusText } from './requests-text';

const ROW_HEIGHT = 30;

/** The list, virtualized: only the rows in view are in the DOM, so thousands a second stay smooth. */
export function RequestList({ records, selected, onSelect }: { records: readonly RequestRecord[]; selected: number | null; onSelect(seq: number): void }) {
  const scroller = useRef<HTMLDivElement>(null);
  // The virtualizer re-renders this list on scroll by design; React Compiler rightly leaves it unmemoized.
  // eslint-disable-next-line react-hooks/incompatible-library
  const virtualizer = useVirtualizer({ count: records.length, getScrollElement: () => scroller.current, estimateSize: () => ROW_HEIGHT, overscan: 10 });
  return (
    <div ref={scroller} className="card request-list" role="list" aria-label="Requests, newest first">
      <div style={{ height: virtualizer.getTotalSize(), position: 'relative' }}>
        {virtualizer.getVirtualItems().map((item) => {
          const record = records[item.index]!;
          const status = statusText(record.status);
          return (
            <div key={record.seq} role="listitem" className="request-row-holder" style={{ position: 'absolute', top: 0, left: 0, right: 0, height: ROW_HEIGHT, transform: `translateY(${item.start}px)` }}>
              <button
                type="button"
                className={record.seq === selected ? 'request-row request-row-selected' : 'request-row'}
                aria-current={record.seq === selected}
                data-seq={record.seq}
                onClick={() => onSelect(record.seq)}
              >
                <span className="request-time">{clockTime(record.at)}</span>
                <span className={`request-status request-status-${status.kind}`}>{status.text}</span>
                <span className="request-method">{record.method}</span>
                <span className="request-env">{record.environment}</span>
                <span className="request-ms">{record.totalMs.toFixed(1)} ms</span>
                <span className="request-url">{record.url}</span>
              </button>
            </div>
          );
        })}
      </div>
    </div>
  );
}
