import type { TurnoutState } from '../../../shared/contract/state';
import type { ContractEventBus } from '../events';

/** How often live counters may push a state event: views need no more than 10 a second. */
const COUNTER_EVENT_INTERVAL_MS = 100;

/**
 * Pushes `state` events: at once for a change of configuration, and at most every 100 ms
 * for live counters (in flight, requests), which move on every request.
 */
export class StatePublisher {
  private revision = 0;
  private counterTimer: NodeJS.Timeout | undefined;

  constructor(
    private readonly events: ContractEventBus,
    private readonly snapshot: (revision: number) => TurnoutState,
  ) {}

  current(): TurnoutState {
    return this.snapshot(this.revision);
  }

  /** Something changed that views must see now. */
  push(): void {
    clearTimeout(this.counterTimer);
    this.counterTimer = undefined;
    this.revision++;
    // The snapshot is the costly part (built 10 times a second under load): only for listeners.
    if (this.events.listening('state')) this.events.emit('state', this.snapshot(this.revision));
  }

  /** Counters moved: one push within the interval covers every move in it. */
  countersMoved(): void {
    if (this.counterTimer) return;
    this.counterTimer = setTimeout(() => this.push(), COUNTER_EVENT_INTERVAL_MS);
    this.counterTimer.unref();
  }

  stop(): void {
    clearTimeout(this.counterTimer);
  }
}
