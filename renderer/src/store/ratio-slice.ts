import { RATIO_TOTAL, weightsFromSlider } from '../../../shared/domain/ratio';
import type { PanelBridge } from '../bridge/panel-bridge';
import { selectAppliedValue, selectPair } from './selectors';
import type { SliceCreator } from './turnout-store';

export interface RatioSlice {
  /** The slider's value (the first environment's weight) before Apply; null follows the applied ratio. */
  draft: number | null;
  applying: boolean;
  applyError: string | null;
  setDraft(value: number): void;
  resetDraft(): void;
  /** Sends the draft to the source of truth; nothing changes anywhere before this. */
  applyDraft(): Promise<void>;
}

export const createRatioSlice =
  (bridge: PanelBridge): SliceCreator<RatioSlice> =>
  (set, get) => ({
    draft: null,
    applying: false,
    applyError: null,
    setDraft(value) {
      const clamped = Math.min(RATIO_TOTAL, Math.max(0, Math.round(value)));
      set({ draft: clamped === selectAppliedValue(get()) ? null : clamped, applyError: null });
    },
    resetDraft() {
      set({ draft: null, applyError: null });
    },
    async applyDraft() {
      const state = get();
      const pair = selectPair(state);
      const sent = state.draft;
      if (!pair || sent === null || state.applying) return;
      set({ applying: true, applyError: null });
      try {
        get().receiveState(await bridge.setRatio({ weights: weightsFromSlider(sent, pair) }));
        if (get().draft === sent) set({ draft: null });
      } catch (error) {
        set({ applyError: error instanceof Error ? error.message : String(error) });
      } finally {
        set({ applying: false });
      }
    },
  });
