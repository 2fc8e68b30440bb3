import { EventEmitter } from 'node:events';
import type { ContractEvents, EventName } from '../../shared/contract/methods';

/** A typed wrapper over EventEmitter for the contract's events. */
export class ContractEventBus {
  private readonly emitter = new EventEmitter();

  constructor() {
    // Every open window, SSE stream and tray subscribes; none of them is a leak.
    this.emitter.setMaxListeners(0);
  }

  emit<E extends EventName>(event: E, payload: ContractEvents[E]): void {
    this.emitter.emit(event, payload);
  }

  /** Whether anyone subscribes to `event` now (an event nobody hears need not be built). */
  listening(event: EventName): boolean {
    return this.emitter.listenerCount(event) > 0;
  }

    on<E extends EventName>(event: E, listener: (payload: ContractEvents[E]) => void): () => void {
    this.emitter.on(event, listener);
    return () => this.emitter.off(event, listener);
  }
}
