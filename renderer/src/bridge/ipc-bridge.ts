import { ContractError, ERROR_STATUS, type ErrorCode } from '../../../shared/contract/errors';
import { BRIDGE_GLOBAL, parseBridgeError } from '../../../shared/contract/ipc';
import { METHOD_NAMES, type Bridge, type ContractClient } from '../../../shared/contract/methods';
import { alwaysConnected, type PanelBridge } from './panel-bridge';

/** The bridge the Electron preload exposes as window.turnout, if this page runs in the desktop window. */
export function exposedBridge(): Bridge | undefined {
  const exposed = (window as unknown as Record<string, unknown>)[BRIDGE_GLOBAL];
  return typeof exposed === 'object' && exposed !== null ? (exposed as Bridge) : undefined;
}

/**
 * The contract over Electron IPC. The preload already unwraps each IpcResult (returns the
 * value or throws), so this re-binds its functions, turns thrown errors back into
 * ContractErrors, and adds an always-on connection.
 */
export function createIpcBridge(exposed: Bridge): PanelBridge {
  const methods = Object.fromEntries(
    METHOD_NAMES.map((method) => [
      method,
      async (input: unknown) => {
        try {
          return await (exposed[method] as (input: unknown) => Promise<unknown>)(input);
        } catch (error) {
          throw toContractError(error);
        }
      },
    ]),
  ) as unknown as ContractClient;
  return {
    ...methods,
    on: (event, listener) => exposed.on(event, listener),
    connection: alwaysConnected,
  };
}

/** Errors cross the contextBridge as a message only; the preload leads it with the code (see parseBridgeError). */
function toContractError(error: unknown): ContractError {
  const message = error instanceof Error ? error.message : String(error);
  const parsed = parseBridgeError(message);
  if (!parsed) return new ContractError('INTERNAL', message);
  const code = parsed.code in ERROR_STATUS ? (parsed.code as ErrorCode) : 'INTERNAL';
  return new ContractError(code, parsed.message);
}
