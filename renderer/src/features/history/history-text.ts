import type { HistoryEntry } from '../../../../shared/contract/history';

/**
 * "before → after" in words for a history entry. Weights read as "70 … 30" (in the order
 * they were stored, which is environment order); profiles by name; anything else briefly.
 */
export function describeChange(entry: Pick<HistoryEntry, 'kind' | 'before' | 'after'>): { before: string; after: string } {
  return { before: describeValue(entry.before), after: describeValue(entry.after) };
}

export function describeValue(value: unknown): string {
  if (value === null || value === undefined) return '—';
  if (typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean') return String(value);
  if (isWeights(value)) return Object.values(value).join(' … ');
  if (typeof value === 'object') {
    const record = value as Record<string, unknown>;
    if (typeof record.name === 'string' && record.weights && isWeights(record.weights)) return `${record.name} (${describeValue(record.weights)})`;
    if (typeof record.name === 'string') return record.name;
    const entries = Object.entries(record);
    if (entries.length > 0 && entries.every(([, item]) => typeof item === 'string')) return entries.map(([key, item]) => `${key} ${String(item)}`).join(', ');
  }
  return JSON.stringify(value);
}

function isWeights(value: unknown): value is Record<string, number> {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return false;
  const items = Object.values(value);
  return items.length > 0 && items.every((item) => typeof item === 'number');
}

export const SOURCE_TEXT: Record<HistoryEntry['source'], string> = { window: 'Window', tray: 'Tray', cli: 'CLI', api: 'API', auto: 'Automatic' };
