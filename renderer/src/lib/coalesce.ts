/**
 * Calls `deliver` with the latest value at most once per `intervalMs`: the first value at
 * once, later ones folded into one trailing call. Bursts of events (counters change with
 * every request) then reach React at most 1000 / intervalMs times a second.
 */
export function coalesce<T>(deliver: (value: T) => void, intervalMs: number): { push(value: T): void; cancel(): void } {
  let last = -Infinity;
  let timer: ReturnType<typeof setTimeout> | undefined;
  let pending: { value: T } | undefined;
  const flush = (): void => {
    timer = undefined;
    if (!pending) return;
    const { value } = pending;
    pending = undefined;
    last = Date.now();
    deliver(value);
  };
  return {
    push(value) {
      pending = { value };
      if (timer) return;
      const wait = last + intervalMs - Date.now();
      if (wait <= 0) flush();
      else timer = setTimeout(flush, wait);
    },
    cancel() {
      clearTimeout(timer);
      timer = undefined;
      pending = undefined;
    },
  };
}
