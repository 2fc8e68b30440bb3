import { describe, expect, it } from 'vitest';
import type { TurnoutState } from '../../shared/contract/state';
import { startTrayController, type TrayView } from '../../electron/main/tray-controller';
import type { TrayAction, TrayModel } from '../../electron/main/tray-menu';
import { stateOf } from './state-fixture';

/**
 * The rebuild rules with a recording TrayView standing in for Electron's Tray (which cannot
 * run here). The model it records is the real trayMenuFor output.
 */
class RecordingView implements TrayView {
  readonly rendered: TrayModel[] = [];
  click: (id: string) => void = () => undefined;
  render(model: TrayModel, click: (id: string) => void): void {
    this.rendered.push(model);
    this.click = click;
  }
}

function setup(debounceMs = 20) {
  const view = new RecordingView();
  const listeners = new Set<(state: TurnoutState) => void>();
  const ran: TrayAction[] = [];
  const controller = startTrayController({
    view,
    initial: stateOf(),
    debounceMs,
    subscribe: (listener) => {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    run: (action) => {
      ran.push(action);
    },
  });
  const emit = (state: TurnoutState) => listeners.forEach((listener) => listener(state));
  return { view, controller, emit, ran, listeners };
}

const wait = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe('the tray controller', () => {
  it('shows the first state at once, then one rebuild per burst, with the newest state', async () => {
    const { view, emit, controller } = setup();
    expect(view.rendered).toHaveLength(1);
    emit(stateOf({ weights: { blue: 70, green: 30 } }));
    emit(stateOf({ weights: { blue: 0, green: 100 } }));
    expect(view.rendered).toHaveLength(1);
    await wait(60);
    expect(view.rendered).toHaveLength(2);
    expect(view.rendered[1]!.title).toBe('0 … 100');
    expect(controller.current()).toBe(view.rendered[1]);
    controller.stop();
  });

  it('does not rebuild for changes the tray does not show (live counters)', async () => {
    const { view, emit, controller } = setup();
    for (let i = 0; i < 5; i++) {
      const state = stateOf();
      state.environments[0]!.requests = i * 100;
      state.revision = i + 2;
      emit(state);
      await wait(30);
    }
    expect(view.rendered).toHaveLength(1);
    controller.stop();
  });

  it('runs the action of a clicked item, refuses inert ones, and redraws after a radio click so a failed change shows the real state', async () => {
    const { view, controller, ran } = setup();
    view.click('preset:0:100');
    await wait(0);
    expect(ran).toEqual([{ kind: 'applyPreset', name: '0:100' }]);
    // No state event followed (say the change failed): the menu was drawn again from the state.
    expect(view.rendered).toHaveLength(2);
    expect(await controller.click('status')).toBe(false);
    expect(await controller.click('nonexistent')).toBe(false);
    expect(await controller.click('quit')).toBe(true);
    expect(ran.at(-1)).toEqual({ kind: 'quit' });
    controller.stop();
  });

  it('stops listening when stopped', async () => {
    const { view, emit, controller, listeners } = setup();
    emit(stateOf({ weights: { blue: 70, green: 30 } }));
    controller.stop();
    await wait(50);
    expect(listeners.size).toBe(0);
    expect(view.rendered).toHaveLength(1);
  });
});
