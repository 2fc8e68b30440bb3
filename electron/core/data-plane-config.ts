import { healthCheckSchema, proxySettingsSchema, type HealthCheck, type ProxySettings } from '../../shared/domain/health-settings';
import type { RoutingMethod } from '../../shared/domain/profile';
import type { Environment } from '../../shared/domain/environment';

/** One environment as the data plane runs it; health and TLS settings default when left out. */
export interface DataPlaneEnvironment {
  name: string;
  /** Where it really is (a demo app's port is only known at start). */
  url: string;
  weight: number;
  health?: Partial<HealthCheck>;
  tls?: { allowSelfSigned?: boolean };
}

/** Everything the data plane needs of a profile. */
export interface DataPlaneConfig {
  routing?: RoutingMethod;
  proxy?: Partial<ProxySettings>;
  environments: readonly DataPlaneEnvironment[];
}

export interface ResolvedEnvironment {
  name: string;
  url: string;
  weight: number;
  health: HealthCheck;
  allowSelfSigned: boolean;
}

export interface ResolvedConfig {
  routing: RoutingMethod;
  proxy: ProxySettings;
  environments: ResolvedEnvironment[];
}

/** A profile plus the real URLs (demo apps) as the data plane's configuration. */
export function dataPlaneConfig(
  profile: { routing: RoutingMethod; proxy?: Partial<ProxySettings>; environments: readonly Environment[] },
  urls: Readonly<Record<string, string>> = {},
): DataPlaneConfig {
  return {
    routing: profile.routing,
    proxy: profile.proxy,
    environments: profile.environments.map((env) => ({ name: env.name, url: urls[env.name] ?? env.url, weight: env.weight, health: env.health, tls: env.tls })),
  };
}

/** Fills defaults (through the profile schema's own rules) and accepts the bare-array shorthand. */
export function resolveConfig(input: DataPlaneConfig | readonly DataPlaneEnvironment[]): ResolvedConfig {
  const config: DataPlaneConfig = Array.isArray(input) ? { environments: input } : (input as DataPlaneConfig);
  return {
    routing: config.routing ?? 'round-robin',
    proxy: proxySettingsSchema.parse(config.proxy ?? {}),
    environments: config.environments.map((env) => ({
      name: env.name,
      url: env.url,
      weight: env.weight,
      health: healthCheckSchema.parse(env.health ?? {}),
      allowSelfSigned: env.tls?.allowSelfSigned ?? false,
    })),
  };
}
