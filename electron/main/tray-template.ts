import path from 'node:path';
import type { MenuItemConstructorOptions } from 'electron';
import type { TrayIconKind, TrayItem } from './tray-menu';

// Types only from electron (erased at build): the mapping is tested in Node.

/** The tray model's items as Electron menu items; every click goes to `click(id)`. */
export function toMenuTemplate(items: readonly TrayItem[], click: (id: string) => void): MenuItemConstructorOptions[] {
  return items.map((item): MenuItemConstructorOptions => {
    switch (item.type) {
      case 'separator':
        return { type: 'separator' };
      case 'submenu':
        return { id: item.id, label: item.label, submenu: toMenuTemplate(item.items, click) };
      case 'radio':
        return { id: item.id, type: 'radio', label: item.label, checked: item.checked, enabled: item.enabled, click: () => click(item.id) };
      case 'normal':
        return { id: item.id, label: item.label, enabled: item.enabled, ...(item.action ? { click: () => click(item.id) } : {}) };
    }
  });
}

/**
 * The tray image for a state (drawn by resources/make-tray-icons.mjs; @2x picked by Electron).
 * macOS gets black "Template" images, which it recolours for light and dark menu bars.
 */
export function trayIconFile(resourcesDir: string, kind: TrayIconKind, platform: NodeJS.Platform): string {
  const name = platform === 'darwin' ? (kind === 'warning' ? 'trayWarningTemplate' : 'trayTemplate') : kind === 'warning' ? 'tray-warning' : 'tray';
  return path.join(resourcesDir, `${name}.png`);
}
