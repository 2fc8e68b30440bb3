import { useId, useRef } from 'react';
import { PANEL_SHORTCUTS } from '../../../../shared/domain/shortcuts';
import { useModalDialog } from '../../lib/use-modal-dialog';

/** The shortcuts, from the one table in shared/: what the presenter can press instead of aiming. */
export function ShortcutsHelp({ onClose }: { onClose(): void }) {
  const id = useId();
  const dialog = useRef<HTMLDialogElement>(null);
  useModalDialog(dialog);
  return (
    <dialog ref={dialog} className="export-dialog shortcuts-dialog" aria-labelledby={`${id}-title`} onClose={onClose}>
      <div className="export-head">
        <h2 id={`${id}-title`} className="export-title">
          Keyboard shortcuts
        </h2>
        <button type="button" className="button button-small" onClick={() => dialog.current?.close()}>
          Close
        </button>
      </div>
      <dl className="shortcut-list">
        {PANEL_SHORTCUTS.map((shortcut) => (
          <div key={shortcut.keys} className="shortcut">
            <dt>
              <kbd>{shortcut.keys}</kbd>
            </dt>
            <dd>{shortcut.does}</dd>
          </div>
        ))}
      </dl>
      <p className="muted">Shortcuts wait while you type in a field or a dialog is open.</p>
    </dialog>
  );
}
