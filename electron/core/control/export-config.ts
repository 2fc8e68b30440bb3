import { exportConfig, type ExportedConfig, type ExportFormat } from '../../../shared/domain/export';
import type { Profile } from '../../../shared/domain/profile';
import { localCaDir } from '../net/front-certificates';
import { LocalCa } from '../net/local-ca';

function localLeafFiles(dataDir: string): { certFile: string; keyFile: string } {
  return new LocalCa(localCaDir(dataDir)).leafFiles;
}

/**
 * A profile as another engine's configuration. `urlOf` gives the running profile's real
 * URLs (a demo profile's apps listen on ports picked at start); others export as stored.
 */
export function exportProfileConfig(profile: Profile, format: ExportFormat, urlOf: (name: string) => string | undefined = () => undefined, dataDir?: string): ExportedConfig {
  const environments = profile.environments.map((env) => ({ ...env, url: urlOf(env.name) ?? env.url }));
  // The local CA's leaf, where this Turnout keeps it, when the profile has no files of its own.
  const tls = dataDir !== undefined && profile.tls.enabled && profile.tls.certFile === undefined ? { ...profile.tls, ...localLeafFiles(dataDir) } : profile.tls;
  return exportConfig({ ...profile, environments, tls }, format);
}
