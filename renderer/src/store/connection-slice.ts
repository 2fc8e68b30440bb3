import type { ConnectionStatus } from '../bridge/panel-bridge';
import type { SliceCreator } from './turnout-store';

export interface ConnectionSlice {
  connection: ConnectionStatus;
  /** A sentence for the person, when the status needs one. */
  connectionDetail: string | null;
  setConnection(status: ConnectionStatus, detail: string | null): void;
}

export const createConnectionSlice: SliceCreator<ConnectionSlice> = (set) => ({
  connection: 'connecting',
  connectionDetail: null,
  setConnection(status, detail) {
    set({ connection: status, connectionDetail: detail, ...(status === 'connected' ? {} : { resync: true }) });
  },
});
