import { describe, expect, it } from 'vitest';
import { findTrayItem, trayMenuFor, type TrayItem } from '../../electron/main/tray-menu';
import { toMenuTemplate, trayIconFile } from '../../electron/main/tray-template';
import { flowWaiting, stateOf } from './state-fixture';

const radios = (items: TrayItem[]) => items.filter((item) => item.type === 'radio');
const ids = (items: TrayItem[]) => items.map((item) => (item.type === 'separator' ? '---' : item.id));

describe('the tray menu, a pure function of the state', () => {
  it('lists built-in and user presets as one radio group, the current ratio checked, each applying its preset', () => {
    const model = trayMenuFor(stateOf({ weights: { blue: 75, green: 25 }, userPresets: [{ name: 'canary', weights: { blue: 90, green: 10 } }] }));
    const presets = radios(model.items);
    expect(presets.map((item) => [item.id, item.label, item.checked])).toEqual([
      ['preset:100:0', '100 … 0', false],
      ['preset:75:25', '75 … 25', true],
      ['preset:50:50', '50 … 50', false],
      ['preset:25:75', '25 … 75', false],
      ['preset:0:100', '0 … 100', false],
      ['preset:canary', 'canary (90 … 10)', false],
    ]);
    expect(findTrayItem(model.items, 'preset:canary')).toMatchObject({ enabled: true, action: { kind: 'applyPreset', name: 'canary' } });
  });

  it('checks a user preset when it is the current ratio, and shows a ratio no preset has as a checked, inert "Custom" item', () => {
    const user = trayMenuFor(stateOf({ weights: { blue: 90, green: 10 }, userPresets: [{ name: 'canary', weights: { blue: 90, green: 10 } }] }));
    expect(radios(user.items).filter((item) => item.checked).map((item) => item.id)).toEqual(['preset:canary']);
    const custom = trayMenuFor(stateOf({ weights: { blue: 63, green: 37 } }));
    const checked = radios(custom.items).filter((item) => item.checked);
    expect(checked).toEqual([{ type: 'radio', id: 'preset:(custom)', label: 'Custom 63 … 37', checked: true, enabled: false }]);
  });

  it('names built-ins for three environments in words', () => {
    const model = trayMenuFor(stateOf({ weights: { blue: 34, green: 33, red: 33 } }));
    expect(radios(model.items).map((item) => [item.label, item.checked])).toEqual([
      ['All to blue', false],
      ['All to green', false],
      ['All to red', false],
      ['Even split (34 … 33 … 33)', true],
    ]);
  });

  it('offers the profiles as a radio submenu that switches, only when there is more than one', () => {
    expect(findTrayItem(trayMenuFor(stateOf()).items, 'profiles')).toBeUndefined();
    const model = trayMenuFor(stateOf({ profile: 'staging', profileNames: ['prod', 'staging', 'R&D'] }));
    const submenu = findTrayItem(model.items, 'profiles');
    expect(submenu?.type).toBe('submenu');
    if (submenu?.type !== 'submenu') return;
    expect(submenu.items.map((item) => item.type === 'radio' && [item.label, item.checked, item.action])).toEqual([
      ['prod', false, { kind: 'switchProfile', name: 'prod' }],
      ['staging', true, { kind: 'switchProfile', name: 'staging' }],
      // "&" would be read as a mnemonic marker on Windows and Linux.
      ['R&&D', false, { kind: 'switchProfile', name: 'R&D' }],
    ]);
  });

  it('shows status in the tooltip and title, and turns the icon to warning with the down environment named first', () => {
    const fine = trayMenuFor(stateOf({ weights: { blue: 70, green: 30 } }));
    expect(fine).toMatchObject({ icon: 'normal', title: '70 … 30', tooltip: 'Turnout\ndefault: 70 … 30 (blue … green)' });
    const down = trayMenuFor(stateOf({ weights: { blue: 70, green: 30 }, health: { green: 'down' } }));
    expect(down.icon).toBe('warning');
    expect(down.tooltip).toBe('Turnout\n⚠ green is down\ndefault: 70 … 30 (blue … green)');
    expect(findTrayItem(down.items, 'problem:0')).toEqual({ type: 'normal', id: 'problem:0', label: '⚠ green is down', enabled: false });
    const both = trayMenuFor(stateOf({ health: { blue: 'down', green: 'down' }, listening: false }));
    expect(both.tooltip.split('\n').slice(1, 3)).toEqual(['⚠ proxy not listening', '⚠ blue, green are down']);
  });

  it('keeps the tooltip within what Windows shows (127 characters)', () => {
    const model = trayMenuFor(stateOf({ profile: 'p'.repeat(64), health: { blue: 'down' } }));
    expect(model.tooltip.length).toBeLessThanOrEqual(127);
    expect(model.tooltip).toMatch(/^Turnout\n⚠ blue is down\n/);
  });

  it('offers "Continue update" while the update waits on the user or a gate, and only then', () => {
    const waiting = trayMenuFor(stateOf({ flow: flowWaiting('user') }));
    expect(findTrayItem(waiting.items, 'continue-update')).toMatchObject({ label: 'Continue update: blue is updated', enabled: true, action: { kind: 'continueUpdate' } });
    expect(findTrayItem(waiting.items, 'update-status')).toMatchObject({ label: 'Update: Update blue (update blue, then continue)', enabled: false });
    expect(waiting.tooltip).toContain('Update: Update blue');
    expect(findTrayItem(trayMenuFor(stateOf({ flow: flowWaiting('gate') })).items, 'continue-update')).toMatchObject({ action: { kind: 'continueUpdate' } });
    // An imported command is looked at in the window before it runs, never confirmed blind from the tray.
    expect(findTrayItem(trayMenuFor(stateOf({ flow: flowWaiting('confirm-command') })).items, 'continue-update')).toMatchObject({ action: { kind: 'showWindow' } });
    const draining = trayMenuFor(stateOf({ flow: flowWaiting('drained') }));
    expect(findTrayItem(draining.items, 'continue-update')).toBeUndefined();
    expect(findTrayItem(draining.items, 'update-status')).toBeDefined();
    const over = trayMenuFor(stateOf({ flow: flowWaiting('user', 'done') }));
    expect(findTrayItem(over.items, 'update-status')).toBeUndefined();
  });

  it('offers "Pause proxy" while running and "Resume proxy" while paused, each setting the other state; the tooltip says paused', () => {
    const running = trayMenuFor(stateOf());
    expect(findTrayItem(running.items, 'pause')).toEqual({ type: 'normal', id: 'pause', label: 'Pause proxy', enabled: true, action: { kind: 'setPaused', paused: true } });
    expect(running.tooltip).not.toMatch(/paused/);
    const paused = trayMenuFor(stateOf({ paused: true }));
    expect(findTrayItem(paused.items, 'pause')).toEqual({ type: 'normal', id: 'pause', label: 'Resume proxy', enabled: true, action: { kind: 'setPaused', paused: false } });
    expect(paused.tooltip).toBe('Turnout\n⚠ proxy paused\ndefault: 50 … 50 (blue … green)');
    expect(paused.tooltip).not.toMatch(/not listening/);
    expect(paused.icon).toBe('warning');
    // An external engine (HAProxy, nginx) cannot pause: no item to click into an error.
    const external = stateOf();
    external.profile.dataPlane = { kind: 'haproxy', warning: null, workers: 1 };
    expect(findTrayItem(trayMenuFor(external).items, 'pause')).toBeUndefined();
    expect(findTrayItem(trayMenuFor(external).items, 'hold')).toBeUndefined();
  });

  it('offers "Hold traffic" beside the pause item; while holding it shows how many wait and Resume releases them', () => {
    const hold = { type: 'normal', id: 'hold', label: 'Hold traffic', enabled: true, action: { kind: 'setPaused', paused: true, mode: 'hold' } };
    expect(findTrayItem(trayMenuFor(stateOf()).items, 'hold')).toEqual(hold);
    // From a closed listener it switches to holding.
    expect(findTrayItem(trayMenuFor(stateOf({ paused: true })).items, 'hold')).toEqual(hold);
    const holding = trayMenuFor(stateOf({ holding: 12 }));
    expect(findTrayItem(holding.items, 'hold')).toEqual({ type: 'normal', id: 'hold', label: 'Holding traffic: 12 requests waiting', enabled: false });
    expect(findTrayItem(holding.items, 'pause')).toEqual({ type: 'normal', id: 'pause', label: 'Resume proxy', enabled: true, action: { kind: 'setPaused', paused: false } });
    expect(holding.tooltip).toBe('Turnout\n⚠ traffic held: 12 requests waiting\ndefault: 50 … 50 (blue … green)');
    expect(holding.icon).toBe('warning');
    expect(findTrayItem(trayMenuFor(stateOf({ holding: 1 })).items, 'hold')).toMatchObject({ label: 'Holding traffic: 1 request waiting' });
    // The Electron menu built from it: the hold item clicks through; while holding it is inert.
    const clicked: string[] = [];
    const template = toMenuTemplate(trayMenuFor(stateOf()).items, (id) => clicked.push(id));
    const item = template.find((entry) => entry.id === 'hold')!;
    expect(item).toMatchObject({ label: 'Hold traffic', enabled: true });
    (item.click as () => void)();
    expect(clicked).toEqual(['hold']);
    expect(toMenuTemplate(holding.items, () => undefined).find((entry) => entry.id === 'hold')).toEqual({ id: 'hold', label: 'Holding traffic: 12 requests waiting', enabled: false });
  });

  it('ends with Open and Quit, in a stable layout', () => {
    const model = trayMenuFor(stateOf({ profileNames: ['default', 'other'] }));
    expect(ids(model.items)).toEqual(['status', '---', 'preset:100:0', 'preset:75:25', 'preset:50:50', 'preset:25:75', 'preset:0:100', '---', 'profiles', 'hold', 'pause', 'show', '---', 'quit']);
    expect(findTrayItem(model.items, 'show')).toMatchObject({ action: { kind: 'showWindow' } });
    expect(findTrayItem(model.items, 'quit')).toMatchObject({ action: { kind: 'quit' } });
  });
});

describe('the tray model as Electron menu items', () => {
  it('maps every item, sending each click to its id', () => {
    const clicked: string[] = [];
    const template = toMenuTemplate(trayMenuFor(stateOf({ profileNames: ['default', 'other'] })).items, (id) => clicked.push(id));
    expect(template[0]).toEqual({ id: 'status', label: 'Turnout · default: 50 … 50 (blue … green)', enabled: false });
    expect(template[1]).toEqual({ type: 'separator' });
    const preset = template.find((item) => item.id === 'preset:0:100')!;
    expect(preset).toMatchObject({ type: 'radio', checked: false, enabled: true });
    (preset.click as () => void)();
    const profiles = template.find((item) => item.id === 'profiles')!;
    const other = (profiles.submenu as { id?: string; click?: () => void }[]).find((item) => item.id === 'profile:other')!;
    other.click!();
    expect(clicked).toEqual(['preset:0:100', 'profile:other']);
  });

  it('picks colour tray images on Linux and Windows and Template images on macOS', () => {
    expect(trayIconFile('/r', 'normal', 'linux')).toBe('/r/tray.png');
    expect(trayIconFile('/r', 'warning', 'win32')).toBe('/r/tray-warning.png');
    expect(trayIconFile('/r', 'normal', 'darwin')).toBe('/r/trayTemplate.png');
    expect(trayIconFile('/r', 'warning', 'darwin')).toBe('/r/trayWarningTemplate.png');
  });
});
