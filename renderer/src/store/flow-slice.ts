import type { FlowNotice } from '../../../shared/contract/flow';
import type { MethodArgs } from '../../../shared/contract/methods';
import type { PanelBridge } from '../bridge/panel-bridge';
import { errorText } from './error-text';
import type { SliceCreator } from './turnout-store';

/** Toasts kept at once: a guard flapping must not bury the panel. */
export const FLOW_NOTICE_LIMIT = 4;

export interface FlowNoticeItem extends FlowNotice {
  /** Local and increasing: two notices in one millisecond are still two toasts. */
  id: number;
}

export type FlowCommand = 'start' | 'next' | 'abort';

/**
 * The guided update's calls and its notices. The flow itself is in `server.flow`: every
 * step change arrives as a state event, so the calls do not patch anything locally.
 */
export interface FlowSlice {
  /** Oldest first, at most FLOW_NOTICE_LIMIT. */
  flowNotices: FlowNoticeItem[];
  flowCommand: FlowCommand | null;
  flowError: { command: FlowCommand; message: string } | null;
  receiveFlowNotice(notice: FlowNotice): void;
  dismissFlowNotice(id: number): void;
  startUpdate(input: MethodArgs<'updateStart'>): Promise<boolean>;
  continueUpdate(manual: boolean): Promise<boolean>;
  abortUpdate(): Promise<boolean>;
}

export const createFlowSlice =
  (bridge: PanelBridge): SliceCreator<FlowSlice> =>
  (set, get) => {
    let nextId = 1;
    const run = async (command: FlowCommand, call: () => Promise<unknown>): Promise<boolean> => {
      if (get().flowCommand !== null) return false;
      set({ flowCommand: command, flowError: null });
      try {
        await call();
        return true;
      } catch (error) {
        set({ flowError: { command, message: errorText(error) } });
        return false;
      } finally {
        set({ flowCommand: null });
      }
    };
    return {
      flowNotices: [],
      flowCommand: null,
      flowError: null,
      receiveFlowNotice(notice) {
        set({ flowNotices: [...get().flowNotices, { ...notice, id: nextId++ }].slice(-FLOW_NOTICE_LIMIT) });
      },
      dismissFlowNotice(id) {
        set({ flowNotices: get().flowNotices.filter((notice) => notice.id !== id) });
      },
      startUpdate: (input) => run('start', () => bridge.updateStart(input)),
      continueUpdate: (manual) => run('next', () => bridge.updateNext({ manual })),
      abortUpdate: () => run('abort', () => bridge.updateAbort({ reason: 'aborted in the window' })),
    };
  };
