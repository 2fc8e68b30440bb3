import type { Unsubscribe } from '../../../shared/contract/methods';
import { alwaysConnected, type PanelBridge } from '../bridge/panel-bridge';
import type { SliceCreator } from './turnout-store';

export interface SyncSlice {
  /** Follows the bridge: state events, connection status, and a first snapshot. */
  connect(): Unsubscribe;
}

export const createSyncSlice =
  (bridge: PanelBridge): SliceCreator<SyncSlice> =>
  (_set, get) => ({
    connect() {
      const unsubscribes = [
        (bridge.connection ?? alwaysConnected).subscribe((status, detail) => get().setConnection(status, detail)),
        bridge.on('state', (state) => get().receiveState(state)),
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
      return () => unsubscribes.forEach((unsubscribe) => unsubscribe());
    },
  });
