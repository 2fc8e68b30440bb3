import { ContractError } from '../../../shared/contract/errors';
import type { PauseSettings } from '../../../shared/domain/pause';
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
  /** The pause in force (stored; control/pause.ts): a profile started here starts under it. */
  private paused: PauseSettings | null = null;
  /** Listeners being retired after a switch: stop() waits for their in-flight requests. */
  private readonly retiring = new Set<Promise<void>>();

  constructor(private readonly hooks: LiveHooks) {}

  async start(profile: Profile, pause: PauseSettings | null = null): Promise<void> {
    this.paused = pause;
    this.current = await LiveProfile.start(profile, this.hooks, { pause });
  }

  get pause(): PauseSettings | null {
    return this.paused;
  }

  /** Applies a new pause (null: resume) to the running profile and to those started after. */
  async setPause(next: PauseSettings | null): Promise<void> {
    await this.current!.applyPause(next);
    this.paused = next;
  }

  async activate(previous: Profile, next: Profile, commit: () => void): Promise<void> {
    const current = this.current!;
    const swap = current.swapFor(next);
    if (swap === 'in-place') {
      await current.reconfigure(next);
      try {
        commit();
      } catch (error) {
        await current.reconfigure(previous);
        throw error;
      }
      return;
    }
    // An external engine cannot pause: switching to one would quietly end the pause.
    if (this.paused && next.dataPlane.kind !== 'embedded') throw new ContractError('CONFLICT', `the proxy is paused (${this.paused.mode}) and ${next.name} runs ${next.dataPlane.kind}, which cannot pause: resume first`);
    const handingOver = swap === 'hand-over';
    const wasPaused = current.paused;
    const started = handingOver ? await this.handOver(current, next, wasPaused) : await LiveProfile.start(next, this.hooks, { pause: this.paused });
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
    const started = await LiveProfile.start(next, this.hooks, { listen: false, pause: this.paused });
    const port = current.boundPort;
    if (!wasPaused) current.releaseAddress();
    try {
      await started.listen(port);
      if (this.paused?.mode === 'close') await started.applyPause(this.paused);
    } catch (error) {
      await started.stop();
      if (!wasPaused) await current.setPaused(false);
      throw error;
    }
    return started;
  }

  /** Turnout is quitting: environments marked keepRunningOnQuit are left running. */
  async stop(): Promise<void> {
    await this.current?.stop(true);
    await Promise.all(this.retiring);
  }
}
