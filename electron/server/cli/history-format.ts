import type { HistoryEntry } from '../../../shared/contract/history';
import { formatRatio, type Weights } from '../../../shared/domain/ratio';

/** `turnout history`'s lines. Apart from format.ts, whose engine text needs the zod-built data-plane schema. */

const ratioOf = (weights: Weights): string => formatRatio(weights, Object.keys(weights));

export function formatHistory(entries: HistoryEntry[]): string {
  if (entries.length === 0) return 'No history yet.';
  return entries.map((entry) => `#${entry.id}  ${entry.at.replace('T', ' ').slice(0, 19)}  ${entry.source.padEnd(6)}  ${entry.profile}  ${describe(entry)}`).join('\n');
}

function describe(entry: HistoryEntry): string {
  const what = `${entry.kind}${entry.action ? ` ${entry.action}` : ''}`;
  if (entry.kind === 'ratio' || entry.kind === 'undo') return `${what}: ${ratioOf(entry.before as Weights)} → ${ratioOf(entry.after as Weights)}`;
  if (entry.kind === 'profile' && entry.action === 'switch') return `switched from ${String(entry.before)}`;
  if (entry.kind === 'preset') {
    const preset = (entry.after ?? entry.before) as { name: string; weights: Weights } | null;
    return preset ? `${what} "${preset.name}" ${ratioOf(preset.weights)}` : what;
  }
  return what;
}
