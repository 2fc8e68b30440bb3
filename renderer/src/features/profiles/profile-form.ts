import type { z } from 'zod';
import { defaultColor } from '../../../../shared/domain/environment';
import { profileSchema, type Profile, type RoutingMethod } from '../../../../shared/domain/profile';
import { DRAIN_DEFAULTS, type DrainSettings } from '../../../../shared/domain/update-plan';
import { engineDraft, engineMode, type EngineDraft } from './engine-draft';
import { tlsDraft, tlsSetting, type TlsDraft } from './tls-draft';

/** The profile form as typed: strings, so a half-typed number is not lost. */
export interface EnvironmentDraft {
  name: string;
  color: string;
  url: string;
  weight: string;
  /** Its server in the attached HAProxy's backend (haproxy-attach only). */
  server?: string;
}

/** An update drain's times in seconds, as typed (DrainSettings in ms). */
export interface DrainDraft {
  sessionWindow: string;
  grace: string;
  deadline: string;
}

export interface ProfileDraft {
  name: string;
  listen: string;
  routing: RoutingMethod;
  environments: EnvironmentDraft[];
  drain: DrainDraft;
  engine: EngineDraft;
  tls: TlsDraft;
}

const seconds = (ms: number): string => String(ms / 1000);
const drainDraft = (drain: DrainSettings): DrainDraft => ({ sessionWindow: seconds(drain.sessionWindowMs), grace: seconds(drain.graceMs), deadline: seconds(drain.deadlineMs) });
/** Seconds typed → whole ms; blank or not a number reaches the schema as NaN (its message says so). */
const millis = (text: string): number => (text.trim() === '' ? Number.NaN : Math.round(Number(text) * 1000));

/** Field path ("environments.1.url") → message, from the shared zod schema. */
export type FieldErrors = Record<string, string>;

export function emptyDraft(): ProfileDraft {
  return {
    name: '',
    listen: '127.0.0.1:8900',
    routing: 'round-robin',
    environments: [
      { name: 'blue', color: defaultColor('blue', 0), url: 'http://127.0.0.1:3001', weight: '50' },
      { name: 'green', color: defaultColor('green', 1), url: 'http://127.0.0.1:3002', weight: '50' },
    ],
    drain: drainDraft(DRAIN_DEFAULTS),
    engine: engineDraft(undefined),
    tls: tlsDraft(undefined),
  };
}

export function draftFromProfile(profile: Profile): ProfileDraft {
  return {
    name: profile.name,
    listen: profile.listen,
    routing: profile.routing,
    environments: profile.environments.map((env) => ({
      name: env.name,
      color: env.color,
      url: env.url,
      weight: String(env.weight),
      ...(profile.dataPlane?.kind === 'haproxy-attach' ? { server: profile.dataPlane.servers[env.name] ?? '' } : {}),
    })),
    drain: drainDraft(profile.update.drain),
    engine: engineDraft(profile.dataPlane),
    tls: tlsDraft(profile.tls),
  };
}

/**
 * Validates with the same schema the core uses. Settings the form does not show (health
 * checks, proxy, presets) are carried over from `base` so an edit never resets them.
 */
export function parseDraft(draft: ProfileDraft, base?: Profile): { profile: Profile | null; errors: FieldErrors } {
  const previous = new Map(base?.environments.map((env) => [env.name, env]) ?? []);
  const dataPlane = engineMode(draft.engine, draft.environments, base?.dataPlane);
  const candidate = {
    ...(base ?? { demo: false }),
    demo: base?.demo ?? false,
    name: draft.name,
    listen: draft.listen.trim(),
    routing: draft.routing,
    ...(dataPlane ? { dataPlane } : {}),
    tls: tlsSetting(draft.tls),
    environments: draft.environments.map((env) => ({
      ...(previous.get(env.name.trim()) ?? {}),
      name: env.name.trim(),
      color: env.color,
      url: env.url.trim(),
      weight: env.weight.trim() === '' ? Number.NaN : Number(env.weight),
    })),
    update: {
      ...(base?.update ?? {}),
      drain: { sessionWindowMs: millis(draft.drain.sessionWindow), graceMs: millis(draft.drain.grace), deadlineMs: millis(draft.drain.deadline) },
    },
  };
  const result = profileSchema.safeParse(candidate);
  if (result.success) return { profile: result.data, errors: {} };
  return { profile: null, errors: fieldErrors(result.error) };
}

/** The first message per field; "weight" errors read better than zod's NaN wording. */
export function fieldErrors(error: z.ZodError): FieldErrors {
  const errors: FieldErrors = {};
  for (const issue of error.issues) {
    const key = issue.path.join('.') || 'form';
    // A blank or non-numeric field reaches zod as NaN; its own wording ("received NaN") means nothing to a person.
    const message = issue.code === 'invalid_type' && issue.expected === 'number' ? 'must be a whole number' : issue.message;
    if (!(key in errors)) errors[key] = message;
  }
  return errors;
}

/** The next environment for "Add environment": a free name and a distinct colour. */
export function nextEnvironment(existing: readonly EnvironmentDraft[]): EnvironmentDraft {
  let index = existing.length + 1;
  while (existing.some((env) => env.name === `env-${index}`)) index++;
  return { name: `env-${index}`, color: defaultColor(`env-${index}`, existing.length), url: 'http://127.0.0.1:3003', weight: '0' };
}
