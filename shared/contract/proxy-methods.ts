import { z } from 'zod';
import { HOLD_TIMEOUT_MAX_MS, PAUSE_MODES } from '../domain/pause';
import type { TurnoutState } from './state';

/**
 * Pausing the proxy, spread into the one contract (methods.ts). `mode` (shared/domain/pause.ts):
 * `hold` (requests wait in Turnout until resume, up to `timeoutMs`), `stop` (a 503
 * maintenance answer with `message`) or `close` (the listener closes: in-flight requests
 * finish, idle keep-alive connections close). No mode means `close`, what setPaused always
 * did, so older callers keep their meaning. A pause is stored and restored after a restart.
 * Only the embedded proxy can pause (CONFLICT otherwise).
 */
export const proxyMethods = {
  setPaused: {
    input: z
      .object({
        paused: z.boolean(),
        mode: z.enum(PAUSE_MODES).optional(),
        timeoutMs: z.number().int().min(100).max(HOLD_TIMEOUT_MAX_MS).optional(),
        message: z.string().max(500).optional(),
      })
      .strict(),
  },
} as const;

export interface ProxyMethodResults {
  setPaused: TurnoutState;
}
