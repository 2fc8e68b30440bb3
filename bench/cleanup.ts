/**
 * Teardown of everything the bench started. All targets are up at once for the whole run,
 * so an error or a Ctrl-C must stop every one of them, not just the one being measured:
 * each start registers its undo here, and the normal end, an error and SIGINT/SIGTERM all
 * run the same list (once, newest first, so the proxies stop before their backends).
 */
const undos: Array<() => Promise<void> | void> = [];
let running: Promise<void> | undefined;

/** Aborted on SIGINT/SIGTERM: cuts the wrk run in flight short (wrk.ts). */
export const interrupted = new AbortController();

export function onCleanup(undo: () => Promise<void> | void): void {
  undos.push(undo);
}

/** Runs every registered undo; a failing one is reported and the rest still run. */
export function cleanup(): Promise<void> {
  running ??= (async () => {
    // A loop, not a snapshot: a start still in flight when a signal came may register late.
    for (let undo = undos.pop(); undo; undo = undos.pop()) {
      try {
        await undo();
      } catch (error) {
        console.error(`bench: cleanup: ${(error as Error).message}`);
      }
    }
  })();
  return running;
}

for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.once(signal, () => {
    console.error(`\nbench: ${signal}, stopping every target`);
    interrupted.abort();
    void cleanup().then(() => process.exit(130));
  });
}
