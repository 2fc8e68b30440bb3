import type { MenuItemConstructorOptions } from 'electron';
import { describe, expect, it } from 'vitest';
import { appMenuTemplate, menuPresets, menuPresetsKey } from '../../electron/main/app-menu';
import { stateOf } from './state-fixture';

const build = (platform: NodeJS.Platform, devTools = false, openInBrowser = () => undefined) => appMenuTemplate({ platform, appName: 'Turnout', devTools, openInBrowser, presets: [], applyPreset: () => undefined });
const submenu = (item: MenuItemConstructorOptions | undefined) => (item?.submenu ?? []) as MenuItemConstructorOptions[];
const roles = (item: MenuItemConstructorOptions | undefined) => submenu(item).map((entry) => entry.role ?? entry.type ?? entry.id);
const byLabel = (menu: MenuItemConstructorOptions[], label: string) => menu.find((item) => item.label?.replace('&', '') === label || item.role === label);

describe('the application menu', () => {
  it('on macOS: the app menu first with about, services, hide and quit; no mnemonics', () => {
    const menu = build('darwin');
    expect(menu.map((item) => item.label ?? item.role)).toEqual(['Turnout', 'File', 'Edit', 'View', 'Traffic', 'Window']);
    expect(roles(menu[0])).toEqual(['about', 'separator', 'services', 'separator', 'hide', 'hideOthers', 'unhide', 'separator', 'quit']);
    expect(roles(byLabel(menu, 'Window'))).toEqual(['minimize', 'zoom', 'separator', 'front']);
    expect(roles(byLabel(menu, 'Edit'))).toContain('pasteAndMatchStyle');
  });

  it('on Windows and Linux: File > Quit (Ctrl+Q), Help > About, Alt mnemonics', () => {
    for (const platform of ['linux', 'win32'] as const) {
      const menu = build(platform);
      expect(menu.map((item) => item.label ?? item.role)).toEqual(['&File', '&Edit', '&View', '&Traffic', '&Window', 'help']);
      expect(submenu(menu[0]).find((item) => item.role === 'quit')).toMatchObject({ accelerator: 'CmdOrCtrl+Q' });
      expect(roles(menu.at(-1))).toEqual(['about']);
    }
  });

  it('has the editing roles text fields need, zoom and full screen, and Close Window on Ctrl/Cmd+W', () => {
    const menu = build('linux');
    expect(roles(byLabel(menu, 'Edit'))).toEqual(['undo', 'redo', 'separator', 'cut', 'copy', 'paste', 'delete', 'separator', 'selectAll']);
    expect(roles(byLabel(menu, 'View'))).toEqual(['reload', 'forceReload', 'separator', 'resetZoom', 'zoomIn', 'zoomOut', 'separator', 'togglefullscreen']);
    expect(submenu(menu[0]).find((item) => item.role === 'close')).toMatchObject({ accelerator: 'CmdOrCtrl+W' });
  });

  it('offers developer tools only in development', () => {
    expect(roles(byLabel(build('linux', true), 'View'))).toContain('toggleDevTools');
    expect(roles(byLabel(build('linux', false), 'View'))).not.toContain('toggleDevTools');
  });

  it('opens the panel in the browser from File', () => {
    let opened = 0;
    const item = submenu(build('linux', false, () => void opened++)[0]).find((entry) => entry.id === 'open-in-browser')!;
    (item.click as () => void)();
    expect(opened).toBe(1);
    expect(item.accelerator).toBe('CmdOrCtrl+Shift+B');
  });

  it('has every preset under Traffic with Ctrl/Cmd+1…9, the applied one checked; a click applies it', () => {
    const applied: string[] = [];
    const presets = ['100:0', '75:25', '50:50', '25:75', '0:100', 'a', 'b', 'c', 'd', 'ten'].map((name) => ({ name, current: name === '50:50' }));
    const menu = appMenuTemplate({ platform: 'linux', appName: 'Turnout', devTools: false, openInBrowser: () => undefined, presets, applyPreset: (name) => void applied.push(name) });
    const items = submenu(byLabel(menu, 'Traffic'));
    expect(items.map((item) => [item.label, item.accelerator ?? null, item.checked])).toEqual([
      ['Preset 100:0', 'CmdOrCtrl+1', false],
      ['Preset 75:25', 'CmdOrCtrl+2', false],
      ['Preset 50:50', 'CmdOrCtrl+3', true],
      ['Preset 25:75', 'CmdOrCtrl+4', false],
      ['Preset 0:100', 'CmdOrCtrl+5', false],
      ['Preset a', 'CmdOrCtrl+6', false],
      ['Preset b', 'CmdOrCtrl+7', false],
      ['Preset c', 'CmdOrCtrl+8', false],
      ['Preset d', 'CmdOrCtrl+9', false],
      // Past nine: in the menu, without a key.
      ['Preset ten', null, false],
    ]);
    (items[4]!.click as () => void)();
    expect(applied).toEqual(['0:100']);
    // No accelerator clashes with another menu's (reset zoom is Ctrl+0).
    const all = menu.flatMap((top) => submenu(top)).map((item) => item.accelerator).filter(Boolean);
    expect(new Set(all).size).toBe(all.length);
  });

  it('says so when the profile has no presets', () => {
    expect(submenu(byLabel(build('darwin'), 'Traffic'))).toEqual([{ label: 'No presets', enabled: false }]);
  });

  it('takes the presets from the state, the applied one checked; a new key only when they change', () => {
    const at75 = menuPresets(stateOf({ weights: { blue: 75, green: 25 } }));
    expect(at75.filter((preset) => preset.current).map((preset) => preset.name)).toEqual(['75:25']);
    expect(menuPresetsKey(at75)).toBe(menuPresetsKey(menuPresets(stateOf({ weights: { blue: 75, green: 25 } }))));
    expect(menuPresetsKey(at75)).not.toBe(menuPresetsKey(menuPresets(stateOf({ weights: { blue: 50, green: 50 } }))));
    expect(menuPresets(stateOf({ weights: { blue: 70, green: 30 } })).some((preset) => preset.current)).toBe(false);
  });
});
