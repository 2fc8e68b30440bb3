import type { EngineDraft } from './engine-draft';
import type { EnvironmentDraft, FieldErrors } from './profile-form';
import { TextField } from './ProfileForm';

/**
 * Which engine carries the traffic: unchecked, the profile's own; checked, an HAProxy that
 * already runs elsewhere, steered through its runtime API (its address, the backend, and the
 * server of that backend each environment is).
 */
export function EngineFields({ engine, environments, errors, onEngine, onServer }: { engine: EngineDraft; environments: EnvironmentDraft[]; errors: FieldErrors; onEngine(next: EngineDraft): void; onServer(index: number, server: string): void }) {
  return (
    <fieldset className="engine-fields">
      <legend className="section-title">Traffic engine</legend>
      <label className="check">
        <input type="checkbox" checked={engine.attach} onChange={(event) => onEngine({ ...engine, attach: event.currentTarget.checked })} /> Steer an HAProxy that already runs elsewhere
      </label>
      {engine.attach && (
        <>
          <div className="form-grid">
            <TextField label="HAProxy runtime API (host:port or socket path)" value={engine.socket} error={errors['dataPlane.socket']} onChange={(socket) => onEngine({ ...engine, socket })} />
            <TextField label="HAProxy backend" value={engine.backend} error={errors['dataPlane.backend']} onChange={(backend) => onEngine({ ...engine, backend })} />
            {environments.map((env, index) => (
              <TextField
                key={index}
                label={`HAProxy server for ${env.name.trim() || `environment ${index + 1}`}`}
                value={env.server ?? ''}
                error={errors[`dataPlane.servers.${env.name.trim()}`]}
                onChange={(server) => onServer(index, server)}
              />
            ))}
          </div>
          <p className="muted">
            Turnout only sets weights and server states there (drain, maint, ready); it never rewrites or reloads HAProxy's config. The socket needs <code>level admin</code>: reach it
            through an SSH tunnel, never open it to a network.
          </p>
        </>
      )}
    </fieldset>
  );
}
