import { createStore, type StateCreator, type StoreApi } from 'zustand/vanilla';
import type { PanelBridge } from '../bridge/panel-bridge';
import { createCommandsSlice, type CommandsSlice } from './commands-slice';
import { createConnectionSlice, type ConnectionSlice } from './connection-slice';
import { createDemoSlice, type DemoSlice } from './demo-slice';
import { createExportSlice, type ExportSlice } from './export-slice';
import { createFlowSlice, type FlowSlice } from './flow-slice';
import { createHistorySlice, type HistorySlice } from './history-slice';
import { createManagedSlice, type ManagedSlice } from './managed-slice';
import { createMetricsSlice, type MetricsSlice } from './metrics-slice';
import { createProfilesSlice, type ProfilesSlice } from './profiles-slice';
import { createRatioSlice, type RatioSlice } from './ratio-slice';
import { createRequestsSlice, type RequestsSlice } from './requests-slice';
import { createServerSlice, type ServerSlice } from './server-slice';
import { createShadowSlice, type ShadowSlice } from './shadow-slice';
import { createSyncSlice, type SyncSlice } from './sync-slice';
import { createTlsSlice, type TlsSlice } from './tls-slice';

export type TurnoutStore = ServerSlice &
  RatioSlice &
  ConnectionSlice &
  SyncSlice &
  MetricsSlice &
  HistorySlice &
  CommandsSlice &
  ProfilesSlice &
  FlowSlice &
  DemoSlice &
  ExportSlice &
  ManagedSlice &
  RequestsSlice &
  TlsSlice &
  ShadowSlice;
export type TurnoutStoreApi = StoreApi<TurnoutStore>;

/** A slice creator of the whole store, as in the zustand slices pattern. */
export type SliceCreator<Slice> = StateCreator<TurnoutStore, [], [], Slice>;

/**
 * One store from slices, talking only to `bridge` (IPC in Electron, HTTP in a browser, or
 * anything else a test hands in). Call `connect()` to start following the source of truth.
 */
export function createTurnoutStore(bridge: PanelBridge): TurnoutStoreApi {
  return createStore<TurnoutStore>()((...args) => ({
    ...createServerSlice(...args),
    ...createRatioSlice(bridge)(...args),
    ...createConnectionSlice(...args),
    ...createSyncSlice(bridge)(...args),
    ...createMetricsSlice(...args),
    ...createHistorySlice(bridge)(...args),
    ...createCommandsSlice(bridge)(...args),
    ...createProfilesSlice(bridge)(...args),
    ...createFlowSlice(bridge)(...args),
    ...createDemoSlice(bridge)(...args),
    ...createExportSlice(bridge)(...args),
    ...createManagedSlice(bridge)(...args),
    ...createRequestsSlice(bridge)(...args),
    ...createTlsSlice(bridge)(...args),
    ...createShadowSlice(bridge)(...args),
  }));
}
