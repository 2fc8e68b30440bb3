import { useState } from 'react';
import { PRESENTER_KEY, SHORTCUTS_HELP_KEY, presetIndexForKey } from '../../../../shared/domain/shortcuts';
import { usePanelKeys } from '../../lib/use-panel-keys';
import { selectPresets } from '../../store/selectors';
import { useTurnout, useTurnoutApi } from '../../store/store-context';
import { ShortcutsHelp } from './ShortcutsHelp';

/**
 * The panel's keys: a digit applies that preset (as a click on its button would), P toggles
 * the presenter view, Escape leaves it, ? opens the help. Also the header's "Shortcuts"
 * button, so the help is found without knowing the key.
 */
export function PanelShortcuts({ presenting, setPresenting }: { presenting: boolean; setPresenting(on: boolean): void }) {
  const store = useTurnoutApi();
  const hasState = useTurnout((s) => s.server !== null);
  const [help, setHelp] = useState(false);
  usePanelKeys((key) => {
    const index = presetIndexForKey(key);
    if (index !== null) {
      const s = store.getState();
      const preset = selectPresets(s)[index];
      if (!preset || s.connection !== 'connected' || s.runningCommand !== null) return false;
      void s.applyPreset(preset.name);
      return true;
    }
    if (key === SHORTCUTS_HELP_KEY) return (setHelp(true), true);
    if (key.toLowerCase() === PRESENTER_KEY && hasState) return (setPresenting(!presenting), true);
    if (key === 'Escape' && presenting) return (setPresenting(false), true);
    return false;
  });
  return (
    <>
      {hasState && (
        <button type="button" className="button button-small" aria-pressed={presenting} aria-keyshortcuts="p" onClick={() => setPresenting(!presenting)}>
          Presenter view
        </button>
      )}
      <button type="button" className="button button-small shortcuts-button" aria-keyshortcuts="?" onClick={() => setHelp(true)}>
        Shortcuts
      </button>
      {help && <ShortcutsHelp onClose={() => setHelp(false)} />}
    </>
  );
}
