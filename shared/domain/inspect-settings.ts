import { z } from 'zod';

const int = (min: number, max: number) => z.number().int('must be a whole number').min(min, `must be at least ${min}`).max(max, `must be at most ${max}`);

/**
 * The request inspector's settings, per profile (inside the proxy settings, so proxy workers
 * get them with the rest). Recording is on by default: its cost is measured in `npm run bench`.
 */
export const inspectSettingsSchema = z.object({
  /** Keep a record of every proxied request. */
  enabled: z.boolean().default(true),
  /** How many records the ring keeps; the oldest goes first. */
  capacity: int(100, 1_000_000).default(10_000),
  /** Authorization, Cookie, Set-Cookie and Proxy-Authorization values shown as "[redacted]". */
  redact: z.boolean().default(true),
  /** Keep request and response bodies (up to `bodyLimitBytes` each); off unless asked. */
  bodies: z.boolean().default(false),
  bodyLimitBytes: int(0, 1_048_576).default(16_384),
  /** A file to append every record to as one JSON line; null: no access log. */
  accessLog: z.string().min(1).nullable().default(null),
  /** The access log is rotated (one previous file, `.1`) when it grows past this. */
  accessLogMaxBytes: int(4096, 10_737_418_240).default(10_485_760),
});

export type InspectSettings = z.infer<typeof inspectSettingsSchema>;

export const INSPECT_DEFAULTS: InspectSettings = inspectSettingsSchema.parse({});
