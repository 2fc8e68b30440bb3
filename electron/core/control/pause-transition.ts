import type { PauseSettings } from '../../../shared/domain/pause';
import type { DataPlane } from '../data-plane';

/**
 * Moves the embedded proxy from the pause applied now (`current`) to `next` (null: resume).
 * Leaving `close` listens again only after a new hold is in place; entering `close` releases a
 * hold first, so the held requests are in flight (and finish) when the listener closes. A
 * failure to listen again leaves the proxy closed and rejects: the caller keeps `current`.
 */
export async function movePause(plane: DataPlane, current: PauseSettings | null, next: PauseSettings | null): Promise<void> {
  const gate = next && next.mode !== 'close' ? { mode: next.mode, timeoutMs: next.timeoutMs, message: next.message } : null;
  if (gate) plane.hold(gate);
  if (current?.mode === 'close' && next?.mode !== 'close') {
    try {
      await plane.resume();
    } catch (error) {
      if (gate) plane.hold(null);
      throw error;
    }
  }
  if (!gate && current && current.mode !== 'close') plane.hold(null);
  if (next?.mode === 'close') plane.pause();
}
