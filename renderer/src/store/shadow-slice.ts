import type { ShadowStatus } from '../../../shared/contract/shadow';
import type { PanelBridge } from '../bridge/panel-bridge';
import { errorText } from './error-text';
import type { SliceCreator } from './turnout-store';

export interface ShadowSlice {
  shadow: ShadowStatus | null;
  shadowError: string | null;
  loadShadow(): Promise<void>;
  startShadow(environment: string, percent: number): Promise<void>;
  stopShadow(): Promise<void>;
  /** The `shadow` event: the server pushes the status when it changes (at most twice a second). */
  receiveShadow(status: ShadowStatus): void;
}

/** The Shadow section of the Requests view: the running (or last) shadow compare, asked for once and then kept current by the `shadow` event. */
export const createShadowSlice =
  (bridge: PanelBridge): SliceCreator<ShadowSlice> =>
  (set) => {
    const run = async (call: () => Promise<ShadowStatus>) => {
      try {
        set({ shadow: await call(), shadowError: null });
      } catch (error) {
        set({ shadowError: errorText(error) });
      }
    };
    return {
      shadow: null,
      shadowError: null,
      loadShadow: () => run(() => bridge.shadowStatus({})),
      startShadow: (environment, percent) => run(() => bridge.shadowStart({ environment, percent })),
      stopShadow: () => run(() => bridge.shadowStop({})),
      receiveShadow: (status) => set({ shadow: status }),
    };
  };
