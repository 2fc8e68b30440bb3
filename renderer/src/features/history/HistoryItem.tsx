import type { HistoryEntry } from '../../../../shared/contract/history';
import { formatClock } from '../../lib/format';
import { describeChange, SOURCE_TEXT } from './history-text';

/** One change: when, who, what, and before → after. */
export function HistoryItem({ entry }: { entry: HistoryEntry }) {
  const { before, after } = describeChange(entry);
  const date = new Date(entry.at);
  const showValues = entry.kind !== 'profile' || entry.action === 'switch';
  return (
    <li className={`history-entry history-${entry.kind}`}>
      <time className="history-time" dateTime={entry.at} title={date.toLocaleString()}>
        {formatClock(entry.at)}
      </time>
      <span className={`badge source source-${entry.source}`}>{SOURCE_TEXT[entry.source]}</span>
      <span className="history-what">
        <strong>{entry.kind}</strong> {entry.action}
        <span className="muted"> · {entry.profile}</span>
      </span>
      {showValues && (
        <span className="history-change">
          <span className="history-before">{before}</span> <span role="img" aria-label="changed to">→</span> <span className="history-after">{after}</span>
        </span>
      )}
    </li>
  );
}
