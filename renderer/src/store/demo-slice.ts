import type { DemoFaults } from '../../../shared/contract/demo';
import type { PanelBridge } from '../bridge/panel-bridge';
import { errorText } from './error-text';
import type { SliceCreator } from './turnout-store';

/**
 * Demo mode's buttons. What they change (apps, faults, load) comes back in `server.demo`
 * with the next state event; the slice only tracks which call runs and why one failed.
 */
export interface DemoSlice {
  /** The running call, e.g. "crash:green" or "load", so its button can say so. */
  demoCommand: string | null;
  demoError: { command: string; message: string } | null;
  startDemo(): Promise<boolean>;
  setDemoLoad(rps: number): Promise<boolean>;
  setDemoFault(environment: string, faults: Partial<DemoFaults>): Promise<boolean>;
  crashDemoApp(environment: string): Promise<boolean>;
  restartDemoApp(environment: string): Promise<boolean>;
  newDemoVersion(environment: string): Promise<boolean>;
}

export const createDemoSlice =
  (bridge: PanelBridge): SliceCreator<DemoSlice> =>
  (set, get) => {
    const run = async (command: string, call: () => Promise<unknown>): Promise<boolean> => {
      set({ demoCommand: command, demoError: null });
      try {
        await call();
        // demoStart switches profiles: take its state at once instead of waiting for the event.
        if (command === 'start') get().receiveState(await bridge.getState({}));
        return true;
      } catch (error) {
        set({ demoError: { command, message: errorText(error) } });
        return false;
      } finally {
        if (get().demoCommand === command) set({ demoCommand: null });
      }
    };
    return {
      demoCommand: null,
      demoError: null,
      startDemo: () => run('start', () => bridge.demoStart({})),
      setDemoLoad: (rps) => run('load', () => bridge.demoLoad({ rps })),
      setDemoFault: (environment, faults) => run(`fault:${environment}`, () => bridge.demoFault({ environment, ...faults })),
      crashDemoApp: (environment) => run(`crash:${environment}`, () => bridge.demoCrash({ environment })),
      restartDemoApp: (environment) => run(`restart:${environment}`, () => bridge.demoRestart({ environment })),
      newDemoVersion: (environment) => run(`version:${environment}`, () => bridge.demoNewVersion({ environment })),
    };
  };
