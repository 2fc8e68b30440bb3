import type { MenuItemConstructorOptions } from 'electron';
import { describe, expect, it } from 'vitest';
import { appMenuTemplate } from '../../electron/main/app-menu';

const build = (platform: NodeJS.Platform, devTools = false, openInBrowser = () => undefined) => appMenuTemplate({ platform, appName: 'Turnout', devTools, openInBrowser });
const submenu = (item: MenuItemConstructorOptions | undefined) => (item?.submenu ?? []) as MenuItemConstructorOptions[];
const roles = (item: MenuItemConstructorOptions | undefined) => submenu(item).map((entry) => entry.role ?? entry.type ?? entry.id);
const byLabel = (menu: MenuItemConstructorOptions[], label: string) => menu.find((item) => item.label?.replace('&', '') === label || item.role === label);

describe('the application menu', () => {
  it('on macOS: the app menu first with about, services, hide and quit; no mnemonics', () => {
    const menu = build('darwin');
    expect(menu.map((item) => item.label ?? item.role)).toEqual(['Turnout', 'File', 'Edit', 'View', 'Window']);
    expect(roles(menu[0])).toEqual(['about', 'separator', 'services', 'separator', 'hide', 'hideOthers', 'unhide', 'separator', 'quit']);
    expect(roles(byLabel(menu, 'Window'))).toEqual(['minimize', 'zoom', 'separator', 'front']);
    expect(roles(byLabel(menu, 'Edit'))).toContain('pasteAndMatchStyle');
  });

  it('on Windows and Linux: File > Quit (Ctrl+Q), Help > About, Alt mnemonics', () => {
    for (const platform of ['linux', 'win32'] as const) {
      const menu = build(platform);
      expect(menu.map((item) => item.label ?? item.role)).toEqual(['&File', '&Edit', '&View', '&Window', 'help']);
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
});
