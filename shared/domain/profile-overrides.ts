import { defaultColor } from './environment';
import { DEMO_PROFILE, fitToEnvironments, profileSchema, type Profile, type ProfileInput, type RoutingMethod } from './profile';
import { parseRatio, RATIO_TOTAL, RatioError } from './ratio';
import { embeddedWithWorkers, type WorkersSetting } from './data-plane-workers';
import { updateSettingsSchema, type DrainSettings } from './update-plan';
import { OverrideError } from './override-error';
import type { FrontTlsInput } from './front-tls';

export { OverrideError };

/** What `turnout serve` flags can change in the stored profile. */
export interface ProfileOverrides {
  listen?: string;
  /** "name=url" pairs, in order. */
  backends?: string[];
  ratio?: string;
  /** Renames the profile (CLI `profile edit --name`). */
  name?: string;
  routing?: RoutingMethod;
  /** Health-check path for every environment. */
  healthPath?: string;
  /** The ratio the update flow restores, or "none" to clear it. */
  restoreRatio?: string;
  /** Proxy worker processes of the embedded engine (`turnout serve --workers`). */
  workers?: WorkersSetting;
  /** The update drain's times (`--session-window`, `--grace`, `--drain-deadline`). */
  drain?: Partial<DrainSettings>;
  /**
   * The engine flags (`turnout serve --data-plane … --haproxy-socket …`), laid over the stored
   * profile's engine; the CLI checks them and owns their merge (electron/server/cli/data-plane-flags.ts).
   */
  dataPlane?: (profile: ProfileInput) => ProfileInput;
  /** HTTPS on the listener (`--tls`, `--tls-cert/--tls-key`, `--tls-name`, `--tls-redirect`, `--no-tls`): merged over the stored settings. */
  tls?: Partial<FrontTlsInput>;
}

/**
 * Flags update the stored profile; no flags reuse it; nothing stored means the demo.
 * Backends replace the environments (a demo profile becomes a real one named "Local").
 */
export function applyOverrides(stored: ProfileInput | undefined, overrides: ProfileOverrides): Profile {
  let profile: ProfileInput = stored ?? DEMO_PROFILE;
  if (overrides.listen !== undefined) profile = { ...profile, listen: overrides.listen };
  if (overrides.routing !== undefined) profile = { ...profile, routing: overrides.routing };
  if (overrides.backends && overrides.backends.length > 0) {
    const previous = new Map(profile.environments.map((env) => [env.name, env]));
    const environments = overrides.backends.map((spec, index) => {
      const match = /^([^=]+)=(.+)$/.exec(spec.trim());
      if (!match) throw new OverrideError(`--backend "${spec}" must be name=url, e.g. blue=http://127.0.0.1:3001`);
      const name = match[1]!.trim();
      const known = previous.get(name);
      return { ...known, name, url: match[2]!.trim(), color: known?.color ?? defaultColor(name, index), weight: known?.weight ?? 0 };
    });
    const kept = environments.reduce((sum, env) => sum + env.weight, 0);
    if (kept !== RATIO_TOTAL) evenSplit(environments);
    profile = fitToEnvironments({ ...profile, name: profile.demo ? 'Local' : profile.name, demo: false, environments });
  }
  if (overrides.name !== undefined) profile = { ...profile, name: overrides.name };
  if (overrides.healthPath !== undefined) {
    const path = overrides.healthPath;
    profile = { ...profile, environments: profile.environments.map((env) => ({ ...env, health: { ...env.health, path } })) };
  }
  if (overrides.restoreRatio !== undefined) {
    const names = profile.environments.map((env) => env.name);
    profile = { ...profile, restoreWeights: overrides.restoreRatio === 'none' ? null : parseRatio(overrides.restoreRatio, names) };
  }
  if (overrides.workers !== undefined) {
    const kind = profile.dataPlane?.kind ?? 'embedded';
    if (kind !== 'embedded') throw new OverrideError(`--workers applies only to the embedded engine; "${profile.name}" uses ${kind}`);
    profile = { ...profile, dataPlane: embeddedWithWorkers(overrides.workers) };
  }
  if (overrides.dataPlane !== undefined) profile = overrides.dataPlane(profile);
  if (overrides.drain !== undefined && Object.keys(overrides.drain).length > 0) {
    const update = updateSettingsSchema.parse(profile.update ?? {});
    profile = { ...profile, update: { ...update, drain: { ...update.drain, ...overrides.drain } } };
  }
  if (overrides.tls !== undefined) {
    profile = { ...profile, tls: { ...profile.tls, ...overrides.tls } };
  }
  if (overrides.ratio !== undefined) {
    const weights = parseRatio(overrides.ratio, profile.environments.map((env) => env.name));
    profile = { ...profile, environments: profile.environments.map((env) => ({ ...env, weight: weights[env.name]! })) };
  }
  const result = profileSchema.safeParse(profile);
  if (!result.success) {
    const issue = result.error.issues[0]!;
    throw new OverrideError(`${describePath(issue.path, profile)}${issue.message}`);
  }
  return result.data;
}

function evenSplit(environments: { weight: number }[]): void {
  const base = Math.floor(RATIO_TOTAL / environments.length);
  environments.forEach((env, index) => {
    env.weight = base + (index < RATIO_TOTAL - base * environments.length ? 1 : 0);
  });
}

function describePath(path: readonly PropertyKey[], profile: ProfileInput): string {
  if (path[0] === 'environments' && typeof path[1] === 'number') {
    const env = profile.environments[path[1]];
    const field = path[2] === 'url' ? '--backend' : path[2] === 'health' ? '--health-path' : String(path[2] ?? 'backend');
    return `${field} ${env?.name ?? ''}: `;
  }
  if (path[0] === 'listen') return '--listen: ';
  if (path[0] === 'name') return '--name: ';
  return path.length > 0 ? `${path.join('.')}: ` : '';
}

export { RatioError };
