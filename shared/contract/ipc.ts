import type { EventName, MethodName } from './methods';

/** The contract over Electron IPC: one invoke channel per method, one send channel per event. */
export const IPC_PREFIX = 'turnout:';
export const ipcMethodChannel = (method: MethodName): string => `${IPC_PREFIX}call:${method}`;
export const ipcEventChannel = (event: EventName): string => `${IPC_PREFIX}event:${event}`;

/** What an IPC handler returns: errors cross IPC as data, since Electron flattens thrown errors. */
export type IpcResult<T> = { ok: true; value: T } | { ok: false; error: { code: string; message: string } };

/** The name the preload exposes the bridge under (window.turnout). */
export const BRIDGE_GLOBAL = 'turnout';

/**
 * Errors cross Electron's contextBridge as a message only (custom properties such as `code`
 * are dropped), so the preload leads the message with the code: "[INVALID_INPUT] setRatio: …".
 * Both sides use these two functions, so the format lives in one place.
 */
export function bridgeErrorMessage(code: string, message: string): string {
  return `[${code}] ${message}`;
}

export function parseBridgeError(message: string): { code: string; message: string } | undefined {
  const match = /^\[([A-Z_]+)\] ([\s\S]*)$/.exec(message);
  return match ? { code: match[1]!, message: match[2]! } : undefined;
}
