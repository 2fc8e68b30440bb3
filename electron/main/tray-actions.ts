import { dispatch } from '../../shared/contract/dispatch';
import type { ContractHandlers } from '../../shared/contract/methods';
import type { TrayAction } from './tray-menu';

// Electron-free, so the test runs the very function a tray click runs, with the real core.

export interface TrayActionDeps {
  /** The control service: tray changes go through the contract like every other transport. */
  handlers: ContractHandlers;
  showWindow(): void;
  quit(): void;
  /** A change that failed (a preset that vanished, a port in use): the user is told. */
  report(message: string): void;
}

/**
 * Runs one tray click. Changes go through `dispatch` (the same schemas as IPC and HTTP) with
 * source 'tray', so the history says where they came from and every window sees them as a
 * state event.
 */
export async function runTrayAction(action: TrayAction, deps: TrayActionDeps): Promise<void> {
  try {
    switch (action.kind) {
      case 'applyPreset':
        await dispatch(deps.handlers, 'applyPreset', { name: action.name }, { source: 'tray' });
        return;
      case 'switchProfile':
        await dispatch(deps.handlers, 'switchProfile', { name: action.name }, { source: 'tray' });
        return;
      case 'continueUpdate':
        await dispatch(deps.handlers, 'updateNext', {}, { source: 'tray' });
        return;
      case 'setPaused':
        await dispatch(deps.handlers, 'setPaused', { paused: action.paused, ...(action.mode ? { mode: action.mode } : {}) }, { source: 'tray' });
        return;
      case 'showWindow':
        deps.showWindow();
        return;
      case 'quit':
        deps.quit();
        return;
    }
  } catch (error) {
    deps.report(`${describe(action)} failed: ${error instanceof Error ? error.message : String(error)}`);
  }
}

function describe(action: TrayAction): string {
  switch (action.kind) {
    case 'applyPreset':
      return `Preset "${action.name}"`;
    case 'switchProfile':
      return `Switching to profile "${action.name}"`;
    case 'continueUpdate':
      return 'Continuing the update';
    case 'setPaused':
      return action.paused ? (action.mode === 'hold' ? 'Holding traffic' : 'Pausing the proxy') : 'Resuming the proxy';
    default:
      return action.kind;
  }
}
