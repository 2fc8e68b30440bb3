import type { MenuItemConstructorOptions } from 'electron';
import type { TurnoutState } from '../../shared/contract/state';
import { presetAccelerator } from '../../shared/domain/shortcuts';
import { currentPreset } from './tray-menu';

// Types only from electron (erased at build): the template is a pure function, tested in Node.

export interface AppMenuOptions {
  platform: NodeJS.Platform;
  appName: string;
  /** Developer tools only in development; a packaged app has no use for them. */
  devTools: boolean;
  /** Opens the control panel in the default browser (the admin API serves it too). */
  openInBrowser(): void;
  /** The active profile's presets in the panel's order; `current` is the applied one. */
  presets: readonly MenuPreset[];
  applyPreset(name: string): void;
}

export interface MenuPreset {
  name: string;
  current: boolean;
}

/** The state's presets for the menu, the applied one checked (as the tray marks it). */
export function menuPresets(state: Pick<TurnoutState, 'environments' | 'presets'>): MenuPreset[] {
  const current = currentPreset(state);
  return state.presets.map((preset) => ({ name: preset.name, current: preset === current }));
}

/** A key for a menu worth rebuilding: Electron menus are immutable, so a change means a new one. */
export function menuPresetsKey(presets: readonly MenuPreset[]): string {
  return JSON.stringify(presets);
}

/**
 * Traffic: every preset with Ctrl/⌘+1…9 (the panel's digits, with the modifier so they
 * work while a field has focus), shown beside each item for a presenter who will not aim.
 */
export function trafficMenu(presets: readonly MenuPreset[], applyPreset: (name: string) => void, label: string): MenuItemConstructorOptions {
  const items = presets.map((preset, index): MenuItemConstructorOptions => {
    const accelerator = presetAccelerator(index);
    return { id: `preset-${index + 1}`, label: `Preset ${preset.name}`, type: 'checkbox', checked: preset.current, ...(accelerator ? { accelerator } : {}), click: () => applyPreset(preset.name) };
  });
  return { label, submenu: items.length > 0 ? items : [{ label: 'No presets', enabled: false }] };
}

/**
 * The application menu with the platform's usual roles and shortcuts. Roles bring the native
 * behaviour (text editing in fields, zoom, full screen, macOS services); accelerators are
 * spelled out where a platform's convention differs from Electron's default.
 */
export function appMenuTemplate(options: AppMenuOptions): MenuItemConstructorOptions[] {
  const mac = options.platform === 'darwin';
  const sep: MenuItemConstructorOptions = { type: 'separator' };
  // Alt-key mnemonics are a Windows/Linux convention; macOS would show the "&".
  const top = (label: string): string => (mac ? label : `&${label}`);
  const macApp: MenuItemConstructorOptions = {
    label: options.appName,
    submenu: [{ role: 'about' }, sep, { role: 'services' }, sep, { role: 'hide' }, { role: 'hideOthers' }, { role: 'unhide' }, sep, { role: 'quit' }],
  };
  const file: MenuItemConstructorOptions = {
    label: top('File'),
    submenu: [
      { id: 'open-in-browser', label: 'Open Control Panel in Browser', accelerator: 'CmdOrCtrl+Shift+B', click: () => options.openInBrowser() },
      sep,
      // Closing the window keeps Turnout in the tray; Quit stops the proxy.
      { role: 'close', label: 'Close Window', accelerator: 'CmdOrCtrl+W' },
      ...(mac ? [] : [{ role: 'quit', label: 'Quit Turnout', accelerator: 'CmdOrCtrl+Q' } satisfies MenuItemConstructorOptions]),
    ],
  };
  const edit: MenuItemConstructorOptions = {
    label: top('Edit'),
    submenu: [
      { role: 'undo' },
      { role: 'redo' },
      sep,
      { role: 'cut' },
      { role: 'copy' },
      { role: 'paste' },
      ...(mac ? [{ role: 'pasteAndMatchStyle' } satisfies MenuItemConstructorOptions] : []),
      { role: 'delete' },
      sep,
      { role: 'selectAll' },
    ],
  };
  const view: MenuItemConstructorOptions = {
    label: top('View'),
    submenu: [
      { role: 'reload' },
      { role: 'forceReload' },
      ...(options.devTools ? [{ role: 'toggleDevTools' } satisfies MenuItemConstructorOptions] : []),
      sep,
      { role: 'resetZoom' },
      { role: 'zoomIn' },
      { role: 'zoomOut' },
      sep,
      { role: 'togglefullscreen' },
    ],
  };
  const window: MenuItemConstructorOptions = {
    label: top('Window'),
    submenu: [{ role: 'minimize' }, { role: 'zoom' }, ...(mac ? [sep, { role: 'front' } satisfies MenuItemConstructorOptions] : [])],
  };
  const traffic = trafficMenu(options.presets, options.applyPreset, top('Traffic'));
  const help: MenuItemConstructorOptions = { role: 'help', submenu: mac ? [] : [{ role: 'about', label: `About ${options.appName}` }] };
  return [...(mac ? [macApp] : []), file, edit, view, traffic, window, ...(mac ? [] : [help])];
}
