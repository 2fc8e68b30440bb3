import { z } from 'zod';
import { healthCheckSchema, upstreamTlsSchema } from './health-settings';
import { composeSpecSchema, runSpecSchema } from './managed';

// WHATWG URL exists in every runtime shared/ runs in (Node, Electron, browsers), but shared/
// loads neither DOM nor Node typings on purpose: declare just the part used here.
declare const URL: new (input: string) => { protocol: string; hostname: string; username: string };

/** Environment names appear in URLs, cookies, headers and CLI args, so keep them simple. */
export const environmentNameSchema = z
  .string()
  .regex(/^[a-z][a-z0-9-]{0,31}$/, 'must be 1-32 lowercase letters, digits or dashes, starting with a letter');

export const upstreamUrlSchema = z
  .string()
  .refine((value) => {
    try {
      const url = new URL(value);
      return (url.protocol === 'http:' || url.protocol === 'https:') && url.hostname !== '' && url.username === '';
    } catch {
      return false;
    }
  }, 'must be an absolute http:// or https:// URL without credentials');

export const colorSchema = z.string().regex(/^#[0-9a-fA-F]{6}$/, 'must be a #rrggbb colour');

export const weightSchema = z
  .number()
  .int('must be a whole number')
  .min(0, 'must be between 0 and 100')
  .max(100, 'must be between 0 and 100');

export const environmentSchema = z.object({
  name: environmentNameSchema,
  color: colorSchema,
  url: upstreamUrlSchema,
  weight: weightSchema,
  // prefault: a missing object is parsed as {}, so every field gets its own default.
  health: healthCheckSchema.prefault({}),
  tls: upstreamTlsSchema.prefault({}),
  /** Turnout runs it itself (managed.ts): a shell command, or a docker compose service. At most one of the two. */
  run: runSpecSchema.optional(),
  compose: composeSpecSchema.optional(),
});

export type Environment = z.infer<typeof environmentSchema>;
/** An environment as written by a person or an older file: settings may be left out. */
export type EnvironmentInput = z.input<typeof environmentSchema>;

/** Colours handed out to environments created without one: blue, green, then distinct hues. */
export const DEFAULT_COLORS: Record<string, string> = { blue: '#2f6fed', green: '#1f9d55' };
const FALLBACK_COLORS = ['#d97706', '#9333ea', '#0891b2', '#db2777'];

export function defaultColor(name: string, index: number): string {
  return DEFAULT_COLORS[name] ?? FALLBACK_COLORS[index % FALLBACK_COLORS.length]!;
}
