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
    const handingOver = current.canHandOver(next);
    const wasPaused = current.paused;
    const started = handingOver ? await this.handOver(current, next, wasPaused) : await LiveProfile.start(next, this.hooks);
    try {
      commit();
    } catch (error) {
      await started.stop();
      if (handingOver && !wasPaused) await current.setPaused(false);
      throw error;
    }
    this.current = started;
    const retired = current.stop().finally(() => this.retiring.delete(retired));
    this.retiring.add(retired);
  }

  /**
   * Same address, embedded proxy on both sides (e.g. another worker count): `next` gets
   * ready first (its workers started), then the old listener lets go and the new one binds
   * at once. Connections already open stay with the old one until they finish; only a
   * client connecting in that instant can be refused. A failure resumes the old listener.
   */
  private async handOver(current: LiveProfile, next: Profile, wasPaused: boolean): Promise<LiveProfile> {
    const started = await LiveProfile.start(next, this.hooks, { listen: false });
    const port = current.boundPort;
    if (!wasPaused) current.releaseAddress();
    try {
      await started.listen(port);
      if (wasPaused) await started.setPaused(true);
    } catch (error) {
      await started.stop();
      if (!wasPaused) await current.setPaused(false);
      throw error;
    }
    return started;
  }

  async stop(): Promise<void> {
    await this.current?.stop();
    await Promise.all(this.retiring);
  }
}
