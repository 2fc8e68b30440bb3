import type { ExportedConfig, ExportFormat } from '../../../shared/domain/export';
import type { PanelBridge } from '../bridge/panel-bridge';
import { errorText } from './error-text';
import type { SliceCreator } from './turnout-store';

/** The profile written as another engine's configuration (exportConfig), for the export view. */
export interface ExportSlice {
  exported: ExportedConfig | null;
  exportStatus: 'idle' | 'loading' | 'ready' | 'error';
  exportError: string | null;
  /** No profile: the active one at its current ratio. */
  loadExport(format: ExportFormat, profile?: string): Promise<void>;
}

export const createExportSlice =
  (bridge: PanelBridge): SliceCreator<ExportSlice> =>
  (set) => {
    let latest = 0;
    return {
      exported: null,
      exportStatus: 'idle',
      exportError: null,
      async loadExport(format, profile) {
        // Clicking through formats quickly: only the last answer is shown.
        const call = ++latest;
        set({ exportStatus: 'loading', exportError: null });
        try {
          const exported = await bridge.exportConfig(profile ? { format, profile } : { format });
          if (call === latest) set({ exported, exportStatus: 'ready' });
        } catch (error) {
          if (call === latest) set({ exported: null, exportStatus: 'error', exportError: errorText(error) });
        }
      },
    };
  };
