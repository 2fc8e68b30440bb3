import type { TurnoutState } from '../../../shared/contract/state';
import type { PauseMode } from '../../../shared/domain/pause';
import type { RoutingMethod } from '../../../shared/domain/profile';
import type { Weights } from '../../../shared/domain/ratio';
import type { PanelBridge } from '../bridge/panel-bridge';
import { errorText } from './error-text';
import type { SliceCreator } from './turnout-store';

/** One-click changes besides the slider: presets, per-environment weights, routing, undo. */
export interface CommandsSlice {
  /** Which command runs ("preset:75:25", "weights", "routing", "undo", "pause"), so its button can say so. */
  runningCommand: string | null;
  commandError: { command: string; message: string } | null;
  applyPreset(name: string): Promise<void>;
  applyWeights(weights: Weights): Promise<boolean>;
  setRouting(routing: RoutingMethod): Promise<void>;
  /** Moves the proxy (never the admin surface) to `host` on the same port: '0.0.0.0' for a room, '127.0.0.1' back. Command "listen". */
  setListenHost(host: '0.0.0.0' | '127.0.0.1'): Promise<void>;
  undo(): Promise<void>;
  /** Pauses (stops accepting new connections) or resumes the proxy: command "pause". */
  setPaused(paused: boolean, mode?: PauseMode): Promise<void>;
}

export const createCommandsSlice =
  (bridge: PanelBridge): SliceCreator<CommandsSlice> =>
  (set, get) => {
    const run = async (command: string, call: () => Promise<TurnoutState | unknown>): Promise<boolean> => {
      set({ runningCommand: command, commandError: null });
      try {
        const result = await call();
        if (isState(result)) get().receiveState(result);
        return true;
      } catch (error) {
        set({ commandError: { command, message: errorText(error) } });
        return false;
      } finally {
        if (get().runningCommand === command) set({ runningCommand: null });
      }
    };
    return {
      runningCommand: null,
      commandError: null,
      async applyPreset(name) {
        await run(`preset:${name}`, () => bridge.applyPreset({ name }));
      },
      applyWeights(weights) {
        return run('weights', () => bridge.setRatio({ weights }));
      },
      async setRouting(routing) {
        // The profile is the unit of configuration: read it, change one field, write it back.
        await run('routing', async () => {
          const { profile } = await bridge.getProfile({});
          return bridge.updateProfile({ name: profile.name, profile: { ...profile, routing } });
        });
      },
      async setListenHost(host) {
        // Same port, another host: the demo's room opens it on the LAN, then it goes back to loopback.
        await run('listen', async () => {
          const { profile } = await bridge.getProfile({});
          // The port it is bound to now (a profile on "any free port" keeps the one it got).
          const port = new URL(get().server?.proxy.url || `http://${profile.listen}`).port;
          return bridge.updateProfile({ name: profile.name, profile: { ...profile, listen: `${host}:${port}` } });
        });
      },
      async undo() {
        await run('undo', () => bridge.undo({}));
      },
      async setPaused(paused, mode) {
        await run('pause', () => bridge.setPaused(paused && mode ? { paused, mode } : { paused }));
      },
    };
  };

function isState(value: unknown): value is TurnoutState {
  return typeof value === 'object' && value !== null && 'revision' in value && 'environments' in value;
}
