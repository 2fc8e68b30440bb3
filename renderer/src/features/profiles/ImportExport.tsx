import { useId, useState } from 'react';
import { describeFirstIssue, profileFileSchema } from '../../../../shared/domain/profile-file';
import { errorText } from '../../store/error-text';
import { useTurnout } from '../../store/store-context';

/** Profiles to and from a file: export downloads JSON, import checks it with the shared schema first. */
export function ImportExport() {
  const id = useId();
  const exportProfiles = useTurnout((s) => s.exportProfiles);
  const importProfiles = useTurnout((s) => s.importProfiles);
  const [overwrite, setOverwrite] = useState(false);
  const [message, setMessage] = useState<{ ok: boolean; text: string } | null>(null);

  const download = async (): Promise<void> => {
    try {
      const file = await exportProfiles();
      const url = URL.createObjectURL(new Blob([`${JSON.stringify(file, null, 2)}\n`], { type: 'application/json' }));
      const link = Object.assign(document.createElement('a'), { href: url, download: 'turnout-profiles.json' });
      link.click();
      setTimeout(() => URL.revokeObjectURL(url), 10_000);
      setMessage({ ok: true, text: `Exported ${file.profiles.length} profile${file.profiles.length === 1 ? '' : 's'}.` });
    } catch (error) {
      setMessage({ ok: false, text: `Could not export: ${errorText(error)}` });
    }
  };
  const upload = async (file: File | undefined): Promise<void> => {
    if (!file) return;
    let json: unknown;
    try {
      json = JSON.parse(await file.text());
    } catch {
      setMessage({ ok: false, text: `${file.name} is not JSON.` });
      return;
    }
    const parsed = profileFileSchema.safeParse(json);
    if (!parsed.success) {
      setMessage({ ok: false, text: `${file.name}: ${describeFirstIssue(parsed.error)}` });
      return;
    }
    try {
      const imported = await importProfiles(parsed.data, overwrite);
      setMessage({ ok: true, text: `Imported ${imported.join(', ')}.` });
    } catch (error) {
      setMessage({ ok: false, text: `Could not import: ${errorText(error)}` });
    }
  };

  return (
    <section className="card import-export" aria-labelledby={`${id}-title`}>
      <h3 id={`${id}-title`} className="section-title">
        Import and export
      </h3>
      <div className="import-row">
        <button type="button" className="button" onClick={() => void download()}>
          Export all profiles
        </button>
        <label className="button file-button">
          Import from file…
          <input
            type="file"
            accept="application/json,.json"
            className="sr-only"
            aria-label="Import profiles from a file"
            onChange={(event) => {
              void upload(event.currentTarget.files?.[0]);
              event.currentTarget.value = '';
            }}
          />
        </label>
        <label className="check">
          <input type="checkbox" checked={overwrite} onChange={(event) => setOverwrite(event.currentTarget.checked)} /> Replace profiles of the same name
        </label>
      </div>
      {message && (
        <p className={message.ok ? 'import-ok' : 'alert'} role={message.ok ? 'status' : 'alert'}>
          {message.text}
        </p>
      )}
    </section>
  );
}
