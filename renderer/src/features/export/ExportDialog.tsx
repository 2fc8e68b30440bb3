import { useEffect, useId, useRef, useState } from 'react';
import { EXPORT_FORMATS, type ExportFormat } from '../../../../shared/domain/export';
import { useModalDialog } from '../../lib/use-modal-dialog';
import { useTurnout } from '../../store/store-context';
import { copyText, downloadText } from './copy-text';

const FORMAT_LABEL: Record<ExportFormat, string> = { nginx: 'nginx', haproxy: 'HAProxy', traefik: 'Traefik', 'gateway-api': 'Gateway API' };

/**
 * The active profile at its current ratio as another engine's configuration: pick the
 * engine, read the text, copy or download it. A modal <dialog>: Escape closes it and Tab
 * stays inside while it is open.
 */
export function ExportDialog({ onClose }: { onClose(): void }) {
  const id = useId();
  const dialog = useRef<HTMLDialogElement>(null);
  const pre = useRef<HTMLPreElement>(null);
  const exported = useTurnout((s) => s.exported);
  const status = useTurnout((s) => s.exportStatus);
  const error = useTurnout((s) => s.exportError);
  const loadExport = useTurnout((s) => s.loadExport);
  const profile = useTurnout((s) => s.server?.profile.name ?? '');
  const [format, setFormat] = useState<ExportFormat>('nginx');
  const [copied, setCopied] = useState<string | null>(null);

  useModalDialog(dialog);
  useEffect(() => {
    void loadExport(format);
  }, [format, loadExport]);

  const text = exported?.format === format ? exported.text : null;
  const copy = async (): Promise<void> => {
    if (text === null) return;
    const how = await copyText(text, pre.current);
    setCopied(how === 'copied' ? 'Copied to the clipboard.' : 'Selected: press Ctrl+C (⌘C) to copy.');
  };
  return (
    <dialog ref={dialog} className="export-dialog" aria-labelledby={`${id}-title`} onClose={onClose}>
      <div className="export-head">
        <h2 id={`${id}-title`} className="export-title">
          Export {profile} as configuration
        </h2>
        <button type="button" className="button button-small" onClick={() => dialog.current?.close()}>
          Close
        </button>
      </div>
      <div className="export-formats" role="radiogroup" aria-label="Format">
        {EXPORT_FORMATS.map((option) => (
          <label key={option} className="check">
            <input type="radio" name={`${id}-format`} value={option} checked={format === option} onChange={() => (setFormat(option), setCopied(null))} /> {FORMAT_LABEL[option]}
          </label>
        ))}
      </div>
      <p className="muted export-note">The current ratio and settings of the active profile, as {FORMAT_LABEL[format]} would run them.</p>
      {error && (
        <p className="alert" role="alert">
          Could not export: {error}
        </p>
      )}
      {/* A focusable, scrollable block is a named region: a bare <pre> may not carry a name. */}
      <pre ref={pre} className="sample export-text" tabIndex={0} role="region" aria-label={`${FORMAT_LABEL[format]} configuration`} aria-busy={status === 'loading'}>
        {text ?? (status === 'loading' ? 'Loading…' : '')}
      </pre>
      <div className="actions">
        <button type="button" className="button button-primary" disabled={text === null} onClick={() => void copy()}>
          Copy
        </button>
        <button type="button" className="button" disabled={text === null || !exported} onClick={() => exported && downloadText(exported.text, exported.filename)}>
          Download {exported?.format === format ? exported.filename : ''}
        </button>
        <span role="status" className="export-copied">
          {copied}
        </span>
      </div>
    </dialog>
  );
}
