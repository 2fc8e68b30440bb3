import { z } from 'zod';
import { environmentNameSchema, environmentSchema, weightSchema, type Environment } from './environment';
import { dataPlaneModeSchema } from './data-plane-mode';
import { DEFAULT_ADMIN, DEFAULT_LISTEN } from './default-addresses';
import { frontTlsSchema } from './front-tls';
import { proxySettingsSchema } from './health-settings';
import { RATIO_TOTAL, RatioError, validateWeights } from './ratio';
import { updateSettingsSchema } from './update-plan';

export const routingMethodSchema = z.enum(['round-robin', 'sticky', 'failover']);
export type RoutingMethod = z.infer<typeof routingMethodSchema>;

/** "127.0.0.1:8800": a host (name, IPv4 or [IPv6]) and a port. */
export const listenAddressSchema = z
  .string()
  .regex(/^(\[[0-9a-fA-F:.]+\]|[A-Za-z0-9.-]+):(\d{1,5})$/, 'must be host:port, e.g. 127.0.0.1:8800')
  .refine((value) => {
    const port = Number(value.slice(value.lastIndexOf(':') + 1));
    return port >= 0 && port <= 65535;
  }, 'port must be from 0 to 65535');

export const profileNameSchema = z.string().trim().min(1, 'must not be empty').max(64, 'must be at most 64 characters');

/** Weights by environment name; whether they fit a profile is checked against the profile. */
export const weightsSchema = z.record(environmentNameSchema, weightSchema);

/** A user's preset name: typed in the CLI and shown on a button, so short and plain. */
export const presetNameSchema = z
  .string()
  .trim()
  .regex(/^[\p{L}\p{N}][\p{L}\p{N} ._-]{0,31}$/u, 'must be 1-32 letters, digits, spaces, dots, dashes or underscores, starting with a letter or digit');

export const userPresetSchema = z.object({ name: presetNameSchema, weights: weightsSchema });
export type UserPreset = z.infer<typeof userPresetSchema>;

export const profileSchema = z
  .object({
    name: profileNameSchema,
    listen: listenAddressSchema,
    routing: routingMethodSchema,
    /** A demo profile's environments are started by Turnout itself on free ports. */
    demo: z.boolean(),
    environments: z.array(environmentSchema).min(2, 'needs at least two environments').max(8, 'at most eight environments'),
    proxy: proxySettingsSchema.prefault({}),
    /** The user's own presets, in their order (built-ins are computed, see presets.ts). */
    presets: z.array(userPresetSchema).max(32, 'at most 32 presets').default([]),
    /** The "original ratio" the update flow restores at its end; null until one is set. */
    restoreWeights: weightsSchema.nullable().default(null),
    /** The engine that carries the traffic; older profiles have none: the embedded proxy. */
    dataPlane: dataPlaneModeSchema.default({ kind: 'embedded' }),
    /** The guided update's standing settings: per-environment commands, grace period, smoke request. */
    update: updateSettingsSchema.prefault({}),
    /** HTTPS (HTTP/2 + HTTP/1.1) on the listener; off in older profiles. */
    tls: frontTlsSchema.prefault({}),
  })
  .superRefine((profile, ctx) => {
    const names = new Set<string>();
    profile.environments.forEach((env, index) => {
      if (names.has(env.name)) ctx.addIssue({ code: 'custom', path: ['environments', index, 'name'], message: `"${env.name}" is used twice` });
      names.add(env.name);
      if (env.run && env.compose) ctx.addIssue({ code: 'custom', path: ['environments', index, 'compose'], message: 'give either run or compose, not both' });
    });
    const sum = profile.environments.reduce((total, env) => total + env.weight, 0);
    if (sum !== RATIO_TOTAL) ctx.addIssue({ code: 'custom', path: ['environments'], message: `weights must sum to 100, got ${sum}` });
    const envNames = [...names];
    const presetNames = new Set<string>();
    profile.presets.forEach((preset, index) => {
      if (presetNames.has(preset.name)) ctx.addIssue({ code: 'custom', path: ['presets', index, 'name'], message: `"${preset.name}" is used twice` });
      presetNames.add(preset.name);
      checkWeights(preset.weights, envNames, ['presets', index, 'weights'], ctx);
    });
    if (profile.restoreWeights) checkWeights(profile.restoreWeights, envNames, ['restoreWeights'], ctx);
    for (const env of Object.keys(profile.update.commands)) {
      if (!names.has(env)) ctx.addIssue({ code: 'custom', path: ['update', 'commands', env], message: `unknown environment "${env}"` });
    }
  });

function checkWeights(weights: Record<string, number>, names: string[], path: (string | number)[], ctx: z.RefinementCtx): void {
  try {
    validateWeights(weights, names);
  } catch (error) {
    if (!(error instanceof RatioError)) throw error;
    ctx.addIssue({ code: 'custom', path, message: error.message });
  }
}

/**
 * Drops presets and the restore ratio that no longer name exactly the profile's
 * environments: after environments are replaced they could never be applied.
 */
export function fitToEnvironments<P extends ProfileInput>(profile: P): P {
  const names = profile.environments.map((env) => env.name);
  const fits = (weights: Record<string, number>): boolean => {
    try {
      validateWeights(weights, names);
      return true;
    } catch {
      return false;
    }
  };
  return {
    ...profile,
    presets: (profile.presets ?? []).filter((preset) => fits(preset.weights)),
    restoreWeights: profile.restoreWeights && fits(profile.restoreWeights) ? profile.restoreWeights : null,
    ...(profile.update?.commands
      ? { update: { ...profile.update, commands: Object.fromEntries(Object.entries(profile.update.commands).filter(([env]) => names.includes(env))) } }
      : {}),
  };
}

export type Profile = z.infer<typeof profileSchema>;
export type ProfileInput = z.input<typeof profileSchema>;

export function environmentNames(profile: { environments: readonly Environment[] }): string[] {
  return profile.environments.map((env) => env.name);
}

export function splitListen(listen: string): { host: string; port: number } {
  const at = listen.lastIndexOf(':');
  return { host: listen.slice(0, at).replace(/^\[|\]$/g, ''), port: Number(listen.slice(at + 1)) };
}

export { DEFAULT_ADMIN, DEFAULT_LISTEN };

/** What a first run starts on: two demo apps Turnout runs itself, split 50/50. */
export const DEMO_PROFILE: Profile = profileSchema.parse({
  name: 'Demo',
  listen: DEFAULT_LISTEN,
  routing: 'round-robin',
  demo: true,
  environments: [
    { name: 'blue', color: '#2f6fed', url: 'http://127.0.0.1:3001', weight: 50 },
    { name: 'green', color: '#1f9d55', url: 'http://127.0.0.1:3002', weight: 50 },
  ],
} satisfies ProfileInput);
