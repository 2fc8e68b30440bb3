import type { Profile } from '../../../shared/domain/profile';
import { LiveProfile, type LiveHooks } from './live-profile';

/**
 * Holds the running profile and swaps it. In place when the listener can stay; otherwise
 * the new listener is bound first (a failure leaves everything as it was), `commit` stores
 * the change, and the old listener is retired: it stops accepting and lets in-flight
 * requests finish in the background. Either way nothing is stored unless it runs.
 */
export class LiveSlot {
  current: LiveProfile | undefined;
  /** Listeners being retired after a switch: stop() waits for their in-flight requests. */
  private readonly retiring = new Set<Promise<void>>();

  constructor(private readonly hooks: LiveHooks) {}

  async start(profile: Profile): Promise<void> {
    this.current = await LiveProfile.start(profile, this.hooks);
  }

  async activate(previous: Profile, next: Profile, commit: () => void): Promise<void> {
    const current = this.current!;
    if (current.canApply(next)) {
      await current.reconfigure(next);
      try {
        commit();
      } catch (error) {
        await current.reconfigure(previous);
        throw error;
      }
      return;
    }
    const started = await LiveProfile.start(next, this.hooks);
    try {
      commit();
    } catch (error) {
      await started.stop();
      throw error;
    }
    this.current = started;
    const retired = current.stop().finally(() => this.retiring.delete(retired));
    this.retiring.add(retired);
  }

  async stop(): Promise<void> {
    await this.current?.stop();
    await Promise.all(this.retiring);
  }
}
