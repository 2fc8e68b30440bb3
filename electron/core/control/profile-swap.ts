import type { Profile } from '../../../shared/domain/profile';
import { splitListen } from '../../../shared/domain/profile';

/**
 * How a profile switch treats the listener (live-slot.ts): kept as it is, handed over on the
 * same address, or a new one beside the old.
 */

/** Whether `next` can be applied in place (same listener): then no connection is touched. */
export function appliesInPlace(current: Profile, next: Profile): boolean {
  // Another engine is another process: it starts beside this one, like a new listener.
  // HTTPS settings belong to the listener too: other ones need a new one (handed over on the same address).
  const same = (a: unknown, b: unknown): boolean => JSON.stringify(a) === JSON.stringify(b);
  return next.listen === current.listen && same(next.dataPlane, current.dataPlane) && same(next.tls, current.tls);
}

/**
 * Whether the listen address can pass from `current` to `next` in place: both run the
 * embedded proxy on the same address (a new worker count, say) or the same port, so `next` gets ready
 * beside the running one and binds the moment that one lets go.
 */
export function handsOverAddress(current: Profile, next: Profile, running: { embedded: boolean; boundPort: number | undefined }): boolean {
  if (next.dataPlane.kind !== 'embedded' || !running.embedded) return false;
  if (next.listen === current.listen) return true;
  // The same port on another host (loopback ↔ every interface, the demo opened to a room):
  // both binds would collide, so the port is handed over too.
  const { port } = splitListen(next.listen);
  return port !== 0 && port === running.boundPort;
}
