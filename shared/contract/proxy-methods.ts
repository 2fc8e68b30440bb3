import { z } from 'zod';
import type { TurnoutState } from './state';

/**
 * Pausing the proxy, spread into the one contract (methods.ts). Paused: the listener is
 * closed gracefully (in-flight requests finish, idle keep-alive connections close) while
 * the admin API and health checks keep running. Resume listens again on the same address.
 * Runtime state only: a restart starts unpaused. Only the embedded proxy can pause (CONFLICT otherwise).
 */
export const proxyMethods = {
  setPaused: { input: z.object({ paused: z.boolean() }).strict() },
} as const;

export interface ProxyMethodResults {
  setPaused: TurnoutState;
}
