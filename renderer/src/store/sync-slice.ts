import type { Unsubscribe } from '../../../shared/contract/methods';
import { METRICS_HISTORY_SECONDS, type MetricsSample } from '../../../shared/contract/metrics';
import type { TurnoutState } from '../../../shared/contract/state';
import { coalesce } from '../lib/coalesce';
import { alwaysConnected, type PanelBridge } from '../bridge/panel-bridge';
import type { SliceCreator } from './turnout-store';

/**
 * State events carry live counters and can come with every request; metrics come once a
 * second. Both are folded into one store update at most every 100 ms: ≤ 10 renders a second.
 */
export const LIVE_UPDATE_INTERVAL_MS = 100;

interface LiveBatch {
  state: TurnoutState | null;
  metrics: MetricsSample[];
}

export interface SyncSlice {
  /** Follows the bridge: state, metrics, history and flow-notice events, connection status, and first snapshots. */
  connect(): Unsubscribe;
}

export const createSyncSlice =
  (bridge: PanelBridge): SliceCreator<SyncSlice> =>
  (_set, get) => ({
    connect() {
      let batch: LiveBatch = { state: null, metrics: [] };
      const live = coalesce<LiveBatch>((taken) => {
        batch = { state: null, metrics: [] };
        if (taken.state) get().receiveState(taken.state);
        taken.metrics.forEach((sample) => get().receiveMetrics(sample));
      }, LIVE_UPDATE_INTERVAL_MS);
      const loadMetrics = (): void => {
        bridge.getMetrics({ seconds: METRICS_HISTORY_SECONDS }).then(
          (series) => get().loadMetrics(series),
          () => undefined, // The chart says "waiting for data"; the connection notice explains failures.
        );
      };
      let wasConnected = false;
      const unsubscribes = [
        (bridge.connection ?? alwaysConnected).subscribe((status, detail) => {
          get().setConnection(status, detail);
          // After a reconnect the server may have restarted: fetch what events may have missed.
          if (status === 'connected' && wasConnected) {
            loadMetrics();
            if (get().historyStatus !== 'idle') void get().loadHistory();
            if (get().requestsStatus !== 'idle') void get().loadRequests();
            if (get().shadow !== null) void get().loadShadow();
          }
          if (status === 'connected') wasConnected = true;
        }),
        bridge.on('state', (state) => live.push((batch = { ...batch, state }))),
        bridge.on('metrics', (sample) => live.push((batch = { ...batch, metrics: [...batch.metrics, sample] }))),
        bridge.on('history', (entry) => get().receiveHistory(entry)),
        bridge.on('flowNotice', (notice) => get().receiveFlowNotice(notice)),
        // Already batched by the server (at most four a second).
        bridge.on('requests', (batch) => get().receiveRequests(batch)),
        // Throttled by the server (at most twice a second while a shadow runs).
        bridge.on('shadow', (status) => get().receiveShadow(status)),
        () => live.cancel(),
      ];
      bridge.getState({}).then(
        (state) => get().receiveState(state),
        (error: unknown) => {
          // Over HTTP the connection feed explains failures; a transport that claims to be
          // connected (IPC) but cannot answer is reported here.
          if (get().connection === 'connected' && get().server === null) {
            get().setConnection('disconnected', `Could not load the state: ${error instanceof Error ? error.message : String(error)}`);
          }
        },
      );
      loadMetrics();
      return () => unsubscribes.forEach((unsubscribe) => unsubscribe());
    },
  });
