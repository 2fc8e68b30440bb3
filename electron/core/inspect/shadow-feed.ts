import type { ShadowStatus } from '../../../shared/contract/shadow';

/** The `shadow` event is pushed at most this often (leading and trailing edge): status() walks every route's histograms. */
const PUSH_MS = 500;

/**
 * Pushes the shadow's status to listeners (the `shadow` event of the contract) when it
 * changes, at most twice a second however many pairs complete, so views listen instead of
 * polling and the last change always arrives.
 */
export class ShadowFeed {
  private readonly listeners = new Set<(status: ShadowStatus) => void>();
  private timer: NodeJS.Timeout | undefined;
  private last = 0;

  constructor(
    private readonly status: () => ShadowStatus,
    private readonly minMs = PUSH_MS,
  ) {}

  on(listener: (status: ShadowStatus) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  changed(): void {
    if (this.listeners.size === 0 || this.timer !== undefined) return;
    const wait = this.last + this.minMs - Date.now();
    if (wait <= 0) return this.push();
    this.timer = setTimeout(() => this.push(), wait);
    this.timer.unref();
  }

  private push(): void {
    this.timer = undefined;
    this.last = Date.now();
    const status = this.status();
    for (const listener of this.listeners) listener(status);
  }
}
