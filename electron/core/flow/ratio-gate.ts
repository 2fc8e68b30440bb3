import { ContractError } from '../../../shared/contract/errors';
import type { Weights } from '../../../shared/domain/ratio';
import type { Transition } from './plan';

/**
 * With an engine Turnout does not own (an attached HAProxy), a ratio can fail to apply: the
 * socket went away. A step that sets a ratio is then committed (stored, recorded, shown) only
 * once the engine confirmed it; until then the flow stays where it was, and a refusal leaves
 * it there, so it never claims a step it could not take. Observations retry it on their own.
 */
export class RatioGate {
  private pending: Promise<void> | null = null;
  private failure: Error | null = null;

  /** `confirm` applies weights on the engine (rejects: not applied), or returns null when the engine needs no confirmation. */
  constructor(private readonly confirm: ((weights: Weights) => Promise<void> | null) | undefined) {}

  /** Whether a ratio is on its way to the engine: the flow takes no other step meanwhile. */
  get busy(): boolean {
    return this.pending !== null;
  }

  /** Commits `next` now, or once its ratio is in force on the engine (then `commit` runs later, if `still()` holds). */
  pass(next: Transition, still: () => boolean, commit: (next: Transition) => void): void {
    const ratio = next.effects.filter((effect) => effect.type === 'set-ratio').at(-1);
    const confirming = ratio ? this.confirm?.(ratio.weights) : null;
    this.failure = null;
    if (!confirming) {
      commit(next);
      return;
    }
    this.pending = confirming.then(
      () => {
        this.pending = null;
        if (still()) commit(next);
      },
      (error: Error) => {
        this.pending = null;
        this.failure = error;
      },
    );
  }

  /** Resolves once nothing is on its way; rejects with why the last step's ratio was not applied. */
  async settled(): Promise<void> {
    await this.pending;
    if (this.failure) throw this.failure instanceof ContractError ? this.failure : new ContractError('UNAVAILABLE', this.failure.message);
  }

  /** Runs `work` once nothing is on its way (an asynchronous result must not be lost meanwhile). */
  after(work: () => void): void {
    void (this.pending ?? Promise.resolve()).then(work);
  }
}
