import type { TurnoutState } from '../../shared/contract/state';
import { findTrayItem, trayMenuFor, type TrayAction, type TrayModel } from './tray-menu';

// Electron-free: the Electron Tray sits behind TrayView (tray.ts), so the rebuild rules are
// tested in Node with a recording view.

/** What the controller needs from the real tray. */
export interface TrayView {
  /** Show this model; `click(id)` is what a menu item's click calls. */
  render(model: TrayModel, click: (id: string) => void): void;
}

export interface TrayControllerOptions {
  view: TrayView;
  /** The first state, shown at once. */
  initial: TurnoutState;
  /** Subscribes to state events; returns the unsubscribe. */
  subscribe(listener: (state: TurnoutState) => void): () => void;
  run(action: TrayAction): Promise<void> | void;
  /** Coalesces bursts of state events (live counters push up to 10 a second). */
  debounceMs?: number;
}

export interface TrayController {
  /** What the tray shows now. */
  current(): TrayModel;
  /** Runs the item's action, exactly as clicking it in the menu does; false if there is no such clickable item. */
  click(id: string): Promise<boolean>;
  stop(): void;
}

/**
 * Keeps the tray in step with the state: at most one rebuild per `debounceMs`, with the
 * newest state, and only when the menu would change. Every rebuild hands the view a whole new
 * menu, since Linux (AppIndicator) only picks up changes through setContextMenu again.
 */
export function startTrayController(options: TrayControllerOptions): TrayController {
  const debounceMs = options.debounceMs ?? 150;
  let model = trayMenuFor(options.initial);
  let shown = JSON.stringify(model);
  let latest: TurnoutState | undefined;
  let timer: NodeJS.Timeout | undefined;

  const click = async (id: string): Promise<boolean> => {
    const item = findTrayItem(model.items, id);
    if (!item || item.type === 'separator' || item.type === 'submenu' || !item.enabled || !item.action) return false;
    await options.run(item.action);
    // Electron checks a clicked radio item by itself; if the change failed no state event
    // follows, so the menu is shown again to put the check back where the state says.
    if (item.type === 'radio') {
      if (timer) shown = '';
      else options.view.render(model, (next) => void click(next));
    }
    return true;
  };
  const rebuild = (): void => {
    timer = undefined;
    if (!latest) return;
    const next = trayMenuFor(latest);
    latest = undefined;
    const text = JSON.stringify(next);
    // Counters change many times a second but show nowhere in the tray: no rebuild for them,
    // which also keeps an open menu from being replaced under the pointer.
    if (text === shown) return;
    model = next;
    shown = text;
    options.view.render(model, (id) => void click(id));
  };

  options.view.render(model, (id) => void click(id));
  const unsubscribe = options.subscribe((state) => {
    latest = state;
    timer ??= setTimeout(rebuild, debounceMs);
  });
  return {
    current: () => model,
    click,
    stop() {
      unsubscribe();
      clearTimeout(timer);
      timer = undefined;
    },
  };
}
