interface Waiter {
  name: string;
  resolve: () => void;
  reject: (error: unknown) => void;
  signal: AbortSignal | undefined;
  onAbort: () => void;
}

/**
 * Promises that settle when an environment is drained (weight 0, nothing in flight, no
 * WebSocket open). `check` runs on every live change, so it costs nothing while nobody waits.
 */
export class DrainWatch {
  private readonly waiters = new Set<Waiter>();

  constructor(private readonly isDrained: (name: string) => boolean) {}

  wait(name: string, signal?: AbortSignal): Promise<void> {
    if (signal?.aborted) return Promise.reject(signal.reason);
    if (this.isDrained(name)) return Promise.resolve();
    return new Promise((resolve, reject) => {
      const waiter: Waiter = { name, resolve, reject, signal, onAbort: () => this.settle(waiter, signal?.reason) };
      signal?.addEventListener('abort', waiter.onAbort, { once: true });
      this.waiters.add(waiter);
    });
  }

  check(): void {
    if (this.waiters.size === 0) return;
    for (const waiter of this.waiters) if (this.isDrained(waiter.name)) this.settle(waiter);
  }

  cancelAll(): void {
    for (const waiter of this.waiters) this.settle(waiter, new Error('the data plane stopped'));
  }

  private settle(waiter: Waiter, error?: unknown): void {
    if (!this.waiters.delete(waiter)) return;
    waiter.signal?.removeEventListener('abort', waiter.onAbort);
    if (error === undefined) waiter.resolve();
    else waiter.reject(error);
  }
}
