import type { HistoryEntry } from '../../../shared/contract/history';
import type { PanelBridge } from '../bridge/panel-bridge';
import { errorText } from './error-text';
import type { SliceCreator } from './turnout-store';

export const HISTORY_PAGE_SIZE = 20;

export interface HistorySlice {
  /** Newest first: the pages loaded so far plus entries pushed since. */
  history: HistoryEntry[];
  /** Cursor of the next older page; null when the oldest entry is loaded. */
  historyNext: number | null;
  historyStatus: 'idle' | 'loading' | 'ready' | 'error';
  historyError: string | null;
  /** (Re)loads the newest page. */
  loadHistory(): Promise<void>;
  loadOlderHistory(): Promise<void>;
  receiveHistory(entry: HistoryEntry): void;
}

export const createHistorySlice =
  (bridge: PanelBridge): SliceCreator<HistorySlice> =>
  (set, get) => ({
    history: [],
    historyNext: null,
    historyStatus: 'idle',
    historyError: null,
    async loadHistory() {
      set({ historyStatus: 'loading', historyError: null });
      try {
        const page = await bridge.getHistory({ limit: HISTORY_PAGE_SIZE });
        set({ history: page.entries, historyNext: page.nextBefore, historyStatus: 'ready' });
      } catch (error) {
        set({ historyStatus: 'error', historyError: errorText(error) });
      }
    },
    async loadOlderHistory() {
      const { historyNext, historyStatus } = get();
      if (historyNext === null || historyStatus === 'loading') return;
      set({ historyStatus: 'loading', historyError: null });
      try {
        const page = await bridge.getHistory({ limit: HISTORY_PAGE_SIZE, before: historyNext });
        const known = new Set(get().history.map((entry) => entry.id));
        set({ history: [...get().history, ...page.entries.filter((entry) => !known.has(entry.id))], historyNext: page.nextBefore, historyStatus: 'ready' });
      } catch (error) {
        set({ historyStatus: 'error', historyError: errorText(error) });
      }
    },
    receiveHistory(entry) {
      // Before the first page arrives, that page will hold the entry anyway.
      if (get().historyStatus === 'idle') return;
      if (get().history.some((held) => held.id === entry.id)) return;
      set({ history: [entry, ...get().history] });
    },
  });
