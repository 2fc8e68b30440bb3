import { nextEnvironment, type EnvironmentDraft, type FieldErrors } from './profile-form';
import { TextField } from './ProfileForm';

const MAX_ENVIRONMENTS = 8;

/** The environments of a profile in the form: one row each, add and remove. */
export function EnvironmentFields({ environments, errors, onChange }: { environments: EnvironmentDraft[]; errors: FieldErrors; onChange(next: EnvironmentDraft[]): void }) {
  const update = (index: number, patch: Partial<EnvironmentDraft>): void => onChange(environments.map((env, at) => (at === index ? { ...env, ...patch } : env)));
  return (
    <fieldset className="env-fields">
      <legend className="section-title">Environments</legend>
      {environments.map((env, index) => {
        const error = (field: string): string | undefined => errors[`environments.${index}.${field}`];
        return (
          <div key={index} className="env-row" role="group" aria-label={`Environment ${index + 1}`}>
            <TextField label="Name" value={env.name} error={error('name')} onChange={(name) => update(index, { name })} />
            <TextField label="URL" value={env.url} error={error('url')} onChange={(url) => update(index, { url })} />
            <TextField label="Weight" value={env.weight} error={error('weight')} onChange={(weight) => update(index, { weight })} />
            <TextField label="Colour" type="color" value={env.color} error={error('color')} onChange={(color) => update(index, { color })} />
            <button
              type="button"
              className="button button-small env-remove"
              aria-label={`Remove environment ${env.name || index + 1}`}
              disabled={environments.length <= 2}
              onClick={() => onChange(environments.filter((_, at) => at !== index))}
            >
              Remove
            </button>
          </div>
        );
      })}
      <button type="button" className="button button-small" disabled={environments.length >= MAX_ENVIRONMENTS} onClick={() => onChange([...environments, nextEnvironment(environments)])}>
        Add environment
      </button>
    </fieldset>
  );
}
