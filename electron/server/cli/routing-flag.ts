import { routingMethodSchema, type RoutingMethod } from '../../../shared/domain/profile';
import { UsageError, type Values } from './common';

export const ROUTING_FLAG_HELP = `  --routing METHOD       round-robin (exact split per request), sticky (a client stays on its
                         environment: for apps with sessions or Socket.IO) or failover`;

/** `--routing`, checked before any request. */
export function routingFlag(values: Values): RoutingMethod | undefined {
  const routing = values.routing as string | undefined;
  if (routing !== undefined && !routingMethodSchema.safeParse(routing).success) {
    throw new UsageError(`--routing must be one of ${routingMethodSchema.options.join(', ')}, got "${routing}"`);
  }
  return routing as RoutingMethod | undefined;
}
