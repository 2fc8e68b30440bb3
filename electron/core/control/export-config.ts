import { exportConfig, type ExportedConfig, type ExportFormat } from '../../../shared/domain/export';
import type { Profile } from '../../../shared/domain/profile';

/**
 * A profile as another engine's configuration. `urlOf` gives the running profile's real
 * URLs (a demo profile's apps listen on ports picked at start); others export as stored.
 */
export function exportProfileConfig(profile: Profile, format: ExportFormat, urlOf: (name: string) => string | undefined = () => undefined): ExportedConfig {
  const environments = profile.environments.map((env) => ({ ...env, url: urlOf(env.name) ?? env.url }));
  return exportConfig({ ...profile, environments }, format);
}
