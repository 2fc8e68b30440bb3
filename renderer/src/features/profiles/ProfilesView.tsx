import { useEffect, useState } from 'react';
import type { Profile } from '../../../../shared/domain/profile';
import { selectServer } from '../../store/selectors';
import { useTurnout } from '../../store/store-context';
import { StartDemoButton } from '../demo/StartDemoButton';
import { AdoptWizard } from './AdoptWizard';
import { ImportExport } from './ImportExport';
import { ProfileForm } from './ProfileForm';
import { ProfileRow } from './ProfileRow';

type Editing = { mode: 'create' } | { mode: 'edit'; profile: Profile } | null;

/** Every profile: switch, create, edit, duplicate, delete, import and export. */
export function ProfilesView() {
  const profiles = useTurnout((s) => s.profiles);
  const error = useTurnout((s) => s.profilesError);
  const refresh = useTurnout((s) => s.refreshProfiles);
  // Any change anywhere (another window, the CLI) bumps the revision: the list follows it.
  const revision = useTurnout((s) => selectServer(s)?.revision ?? 0);
  const [editing, setEditing] = useState<Editing>(null);
  const [adopting, setAdopting] = useState(false);

  useEffect(() => {
    void refresh();
  }, [refresh, revision]);

  return (
    <section className="profiles" aria-labelledby="profiles-title">
      <div className="view-head">
        <h2 id="profiles-title" className="section-title">
          Profiles
        </h2>
        <div className="view-head-actions">
          <StartDemoButton />
          <button type="button" className="button" onClick={() => setAdopting(true)} disabled={adopting}>
            Adopt a running app
          </button>
          <button type="button" className="button button-primary" onClick={() => setEditing({ mode: 'create' })} disabled={editing?.mode === 'create'}>
            New profile
          </button>
        </div>
      </div>
      {adopting && <AdoptWizard onDone={() => setAdopting(false)} />}
      {editing && (
        <ProfileForm key={editing.mode === 'edit' ? editing.profile.name : 'new'} base={editing.mode === 'edit' ? editing.profile : undefined} onDone={() => setEditing(null)} />
      )}
      {error && (
        <p className="alert" role="alert">
          Could not load the profiles: {error}
        </p>
      )}
      {profiles === null ? (
        !error && <p className="card muted">Loading profiles…</p>
      ) : (
        <ul className="profile-list">
          {profiles.map((summary) => (
            <ProfileRow key={summary.name} summary={summary} onEdit={(profile) => setEditing({ mode: 'edit', profile })} />
          ))}
        </ul>
      )}
      <ImportExport />
    </section>
  );
}
