import { z } from 'zod';

/**
 * How the proxy pauses (docs/data-plane.md, "Pausing"):
 * - `hold`: new requests and WebSocket upgrades wait in Turnout (bounded) until resume,
 *   then go where the ratio says, in arrival order; past `timeoutMs` one gets 503 + Retry-After.
 * - `stop`: every request gets a 503 maintenance answer with `message` and Retry-After.
 * - `close`: the listener closes (clients get "connection refused"): the original pause.
 */
export const PAUSE_MODES = ['hold', 'stop', 'close'] as const;
export type PauseMode = (typeof PAUSE_MODES)[number];

export const HOLD_TIMEOUT_DEFAULT_MS = 30_000;
/** A hold longer than this is a stop in disguise: every client would give up first. */
export const HOLD_TIMEOUT_MAX_MS = 10 * 60_000;
export const PAUSE_MESSAGE_DEFAULT = 'Down for maintenance: back shortly.';

/** A pause as stored and applied (the stored copy survives a restart). */
export const pauseSettingsSchema = z
  .object({
    mode: z.enum(PAUSE_MODES),
    timeoutMs: z.number().int().min(100).max(HOLD_TIMEOUT_MAX_MS).default(HOLD_TIMEOUT_DEFAULT_MS),
    message: z.string().max(500).default(PAUSE_MESSAGE_DEFAULT),
    /** When it began (ISO), kept across a restart. */
    since: z.string(),
  })
  .strict();
export type PauseSettings = z.infer<typeof pauseSettingsSchema>;
