import { contextBridge, ipcRenderer, type IpcRendererEvent } from 'electron';
import { BRIDGE_GLOBAL } from '../../shared/contract/ipc';
import { createPreloadApi } from './api';

/**
 * The sandboxed preload (built as CommonJS: sandboxed preloads cannot be ES modules).
 * It exposes the contract as window.turnout; ipcRenderer itself never reaches the page.
 */
const api = createPreloadApi(
  (channel, input) => ipcRenderer.invoke(channel, input),
  (channel, listener) => {
    const forward = (_event: IpcRendererEvent, payload: unknown): void => listener(payload);
    ipcRenderer.on(channel, forward);
    return () => {
      ipcRenderer.removeListener(channel, forward);
    };
  },
);

contextBridge.exposeInMainWorld(BRIDGE_GLOBAL, api);
