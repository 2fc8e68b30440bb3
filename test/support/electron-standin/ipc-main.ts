import { EventEmitter } from 'node:events';
import { record } from './record';

/**
 * ipcMain: `handle` / `removeHandler` for invoke, `on` for send. Calls arrive from the
 * page through Playwright bindings (browser-window.ts), so arguments and results cross as
 * Playwright serialises them (JSON plus a few types), not through Electron's own
 * structured-clone IPC: a value only Electron's serialiser rejects is not caught here.
 */
type Handler = (event: unknown, ...args: unknown[]) => unknown;

class StandinIpcMain extends EventEmitter {
  private readonly handlers = new Map<string, Handler>();
  /** Invokes per channel, so a test sees which calls went over IPC. */
  readonly invoked = new Map<string, number>();

  handle(channel: string, handler: Handler): void {
    // Electron throws the same way on a second handler for a channel.
    if (this.handlers.has(channel)) throw new Error(`Attempted to register a second handler for '${channel}'`);
    this.handlers.set(channel, handler);
    record('ipcMain.handle', { channel });
  }

  removeHandler(channel: string): void {
    this.handlers.delete(channel);
    record('ipcMain.removeHandler', { channel });
  }

  /** What ipcRenderer.invoke reaches; a rejection carries Electron's wording. */
  async invoke(channel: string, event: unknown, args: unknown[]): Promise<unknown> {
    this.invoked.set(channel, (this.invoked.get(channel) ?? 0) + 1);
    const handler = this.handlers.get(channel);
    if (!handler) throw new Error(`Error invoking remote method '${channel}': Error: No handler registered for '${channel}'`);
    try {
      return await handler(event, ...args);
    } catch (error) {
      throw new Error(`Error invoking remote method '${channel}': ${String(error)}`);
    }
  }
}

export const ipcMain = new StandinIpcMain();
