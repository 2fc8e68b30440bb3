import type { RequestDetail, RequestFilter, RequestRecord } from '../../../shared/contract/inspect';
import type { ReplayResult } from '../../../shared/contract/replay';
import type { PanelBridge } from '../bridge/panel-bridge';
import { errorText } from './error-text';
import type { SliceCreator } from './turnout-store';

/** The Requests view keeps at most this many records (the server's ring keeps more). */
export const REQUESTS_KEPT = 5000;

export interface RequestsSlice {
  /** Oldest first, as they arrived. */
  requests: RequestRecord[];
  requestsStatus: 'idle' | 'loading' | 'ready' | 'error';
  requestsError: string | null;
  /** Paused: the list stands still; new records are only counted. */
  requestsPaused: boolean;
  requestsMissed: number;
  requestFilter: RequestFilter;
  selectedRequest: number | null;
  requestDetail: RequestDetail | null;
  requestDetailError: string | null;
  replay: { running: boolean; result: ReplayResult | null; error: string | null };
  loadRequests(): Promise<void>;
  receiveRequests(batch: RequestRecord[]): void;
  setRequestFilter(filter: RequestFilter): void;
  setRequestsPaused(paused: boolean): void;
  selectRequest(seq: number | null): Promise<void>;
  replayRequest(seq: number, to: string, confirm: boolean): Promise<void>;
}

export const createRequestsSlice =
  (bridge: PanelBridge): SliceCreator<RequestsSlice> =>
  (set, get) => ({
    requests: [],
    requestsStatus: 'idle',
    requestsError: null,
    requestsPaused: false,
    requestsMissed: 0,
    requestFilter: {},
    selectedRequest: null,
    requestDetail: null,
    requestDetailError: null,
    replay: { running: false, result: null, error: null },
    async loadRequests() {
      set({ requestsStatus: 'loading', requestsError: null });
      try {
        const page = await bridge.listRequests({ limit: REQUESTS_KEPT });
        set({ requests: page.records, requestsStatus: 'ready', requestsMissed: 0 });
      } catch (error) {
        set({ requestsStatus: 'error', requestsError: errorText(error) });
      }
    },
    receiveRequests(batch) {
      const { requestsStatus, requestsPaused, requests } = get();
      // Before the first page arrives, that page will hold these anyway.
      if (requestsStatus !== 'ready') return;
      if (requestsPaused) {
        set({ requestsMissed: get().requestsMissed + batch.length });
        return;
      }
      const last = requests.at(-1)?.seq ?? 0;
      const fresh = batch.filter((record) => record.seq > last);
      if (fresh.length === 0) return;
      const next = requests.concat(fresh);
      set({ requests: next.length > REQUESTS_KEPT ? next.slice(next.length - REQUESTS_KEPT) : next });
    },
    setRequestFilter(filter) {
      set({ requestFilter: filter });
    },
    setRequestsPaused(paused) {
      set({ requestsPaused: paused });
      // Resuming catches up with what arrived meanwhile.
      if (!paused) void get().loadRequests();
    },
    async selectRequest(seq) {
      set({ selectedRequest: seq, requestDetail: null, requestDetailError: null, replay: { running: false, result: null, error: null } });
      if (seq === null) return;
      try {
        const detail = await bridge.getRequest({ seq });
        if (get().selectedRequest === seq) set({ requestDetail: detail });
      } catch (error) {
        if (get().selectedRequest === seq) set({ requestDetailError: errorText(error) });
      }
    },
    async replayRequest(seq, to, confirm) {
      set({ replay: { running: true, result: null, error: null } });
      try {
        const result = await bridge.replayRequest({ seq, to, confirm });
        if (get().selectedRequest === seq) set({ replay: { running: false, result, error: null } });
      } catch (error) {
        if (get().selectedRequest === seq) set({ replay: { running: false, result: null, error: errorText(error) } });
      }
    },
  });
