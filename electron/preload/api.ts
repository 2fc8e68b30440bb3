import { bridgeErrorMessage, ipcEventChannel, ipcMethodChannel, type IpcResult } from '../../shared/contract/ipc';
import { EVENT_NAMES, METHOD_NAMES, type Bridge, type EventName, type Unsubscribe } from '../../shared/contract/methods';

// Pure: no electron import, so tests build the exact api the window gets.

/** ipcRenderer.invoke, narrowed to what the bridge needs. */
export type InvokeLike = (channel: string, input: unknown) => Promise<unknown>;
/** ipcRenderer.on + removeListener, handing the listener only the payload (never the IPC event). */
export type SubscribeLike = (channel: string, listener: (payload: unknown) => void) => Unsubscribe;


export class BridgeError extends Error {
  override name = 'ContractError';
  constructor(
    readonly code: string,
    readonly detail: string,
  ) {
    super(bridgeErrorMessage(code, detail));
  }
}

function isIpcResult(value: unknown): value is IpcResult<unknown> {
  if (typeof value !== 'object' || value === null || !('ok' in value)) return false;
  if (value.ok === true) return 'value' in value;
  const error = (value as { error?: { code?: unknown; message?: unknown } }).error;
  return value.ok === false && typeof error?.code === 'string' && typeof error.message === 'string';
}

/** The window's bridge: one function per contract method (unwrapping IpcResult) plus typed events. */
export function createPreloadApi(invoke: InvokeLike, subscribe: SubscribeLike): Bridge {
  const api: Record<string, unknown> = {};
  for (const method of METHOD_NAMES) {
    api[method] = async (input: unknown): Promise<unknown> => {
      const result = await invoke(ipcMethodChannel(method), input ?? {});
      if (!isIpcResult(result)) throw new BridgeError('INTERNAL', `${method}: the main process sent no result`);
      if (!result.ok) throw new BridgeError(result.error.code, result.error.message);
      return result.value;
    };
  }
  api.on = (event: unknown, listener: unknown): Unsubscribe => {
    if (typeof event !== 'string' || !(EVENT_NAMES as readonly string[]).includes(event)) {
      throw new BridgeError('INVALID_INPUT', `unknown event "${String(event)}"; events are ${EVENT_NAMES.join(', ')}`);
    }
    if (typeof listener !== 'function') throw new BridgeError('INVALID_INPUT', `on("${event}") needs a listener function`);
    return subscribe(ipcEventChannel(event as EventName), (payload) => (listener as (payload: unknown) => void)(payload));
  };
  return api as unknown as Bridge;
}
