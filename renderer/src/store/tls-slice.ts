import type { TlsTrust } from '../../../shared/contract/tls-methods';
import type { PanelBridge } from '../bridge/panel-bridge';
import { errorText } from './error-text';
import type { SliceCreator } from './turnout-store';

/** Where the local CA is and how to trust it (tlsTrust), for the profile form's HTTPS section. */
export interface TlsSlice {
  tlsTrust: TlsTrust | null;
  tlsTrustError: string | null;
  loadTlsTrust(): Promise<void>;
}

export const createTlsSlice =
  (bridge: PanelBridge): SliceCreator<TlsSlice> =>
  (set) => ({
    tlsTrust: null,
    tlsTrustError: null,
    async loadTlsTrust() {
      set({ tlsTrustError: null });
      try {
        set({ tlsTrust: await bridge.tlsTrust({}) });
      } catch (error) {
        set({ tlsTrustError: errorText(error) });
      }
    },
  });
