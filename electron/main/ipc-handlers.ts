import { dispatch } from '../../shared/contract/dispatch';
import { ContractError } from '../../shared/contract/errors';
import { ipcEventChannel, ipcMethodChannel, type IpcResult } from '../../shared/contract/ipc';
import { EVENT_NAMES, METHOD_NAMES, type ContractEvents, type ContractHandlers, type EventName } from '../../shared/contract/methods';

// No `import ... from 'electron'` here (types only): in plain Node, importing the electron
// package tries to download its binary. Keeping this file Electron-free lets the tests
// drive it with the real core behind it.

/** What an IPC invoke event offers for the sender check: the frame that sent it (null once gone). */
export interface IpcInvokeEventLike {
  senderFrame?: { url: string } | null;
}

/** The part of Electron's ipcMain these handlers use; Electron's ipcMain satisfies it. */
export interface IpcMainLike {
  handle(channel: string, listener: (event: IpcInvokeEventLike, ...args: unknown[]) => unknown): void;
  removeHandler(channel: string): void;
}

/**
 * The contract over IPC: one invoke channel per method. Each call checks the sender, then
 * goes through the same `dispatch` as every transport (input validated by the contract's
 * schemas). Errors come back as data, since Electron flattens thrown errors to a string.
 * Returns a function that removes the handlers again.
 */
export function registerContractHandlers(
  ipcMain: IpcMainLike,
  handlers: ContractHandlers,
  isTrustedSender: (event: IpcInvokeEventLike) => boolean,
): () => void {
  for (const method of METHOD_NAMES) {
    ipcMain.handle(ipcMethodChannel(method), async (event, input): Promise<IpcResult<unknown>> => {
      if (!isTrustedSender(event)) {
        return failure('FORBIDDEN', `${method}: refused a call from a frame that is not the Turnout window (${event.senderFrame?.url ?? 'no frame'})`);
      }
      try {
        return { ok: true, value: await dispatch(handlers, method, input, { source: 'window' }) };
      } catch (error) {
        if (error instanceof ContractError) return failure(error.code, error.message);
        console.error(`turnout: ${method} over IPC failed:`, error);
        return failure('INTERNAL', error instanceof Error ? error.message : String(error));
      }
    });
  }
  return () => {
    for (const method of METHOD_NAMES) ipcMain.removeHandler(ipcMethodChannel(method));
  };
}

function failure(code: string, message: string): IpcResult<never> {
  return { ok: false, error: { code, message } };
}

/** How the core's event bus is subscribed to (ContractEventBus.on has this shape). */
export type SubscribeLike = <E extends EventName>(event: E, listener: (payload: ContractEvents[E]) => void) => () => void;

/**
 * Pushes every contract event to the views on its IPC channel; `send` delivers to all
 * windows. Returns a function that stops forwarding.
 */
export function forwardEvents(subscribe: SubscribeLike, send: (channel: string, payload: unknown) => void): () => void {
  const unsubscribes = EVENT_NAMES.map((event) => subscribe(event, (payload) => send(ipcEventChannel(event), payload)));
  return () => {
    for (const unsubscribe of unsubscribes) unsubscribe();
  };
}
