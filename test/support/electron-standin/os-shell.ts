import { EventEmitter } from 'node:events';
import fs from 'node:fs';
import { record } from './record';

/**
 * Tray, Menu, nativeImage, Notification, dialog and shell: recorded, never shown. The menus
 * keep the app's templates, click handlers included, so a test clicks an item as the OS
 * menu would (control.ts). Not proved: that an OS tray or menu bar draws them (AppIndicator,
 * macOS status bar), accelerators, roles, icons' pixels, notifications reaching the OS.
 */
export interface MenuItemTemplate {
  id?: string;
  label?: string;
  type?: string;
  checked?: boolean;
  enabled?: boolean;
  role?: string;
  submenu?: MenuItemTemplate[] | StandinMenu;
  click?: (item: unknown, window: unknown, event: unknown) => void;
}

export class StandinMenu {
  constructor(readonly items: MenuItemTemplate[]) {}
}

/** A menu as plain data (what the user would see), for the records. */
export function describeMenu(items: MenuItemTemplate[]): unknown[] {
  return items.map((item) => ({
    ...(item.id ? { id: item.id } : {}),
    ...(item.label ? { label: item.label } : {}),
    ...(item.role ? { role: item.role } : {}),
    type: item.type ?? (item.submenu ? 'submenu' : 'normal'),
    ...(item.checked !== undefined ? { checked: item.checked } : {}),
    ...(item.enabled === false ? { enabled: false } : {}),
    ...(item.submenu ? { submenu: describeMenu(submenuItems(item.submenu)) } : {}),
  }));
}

function submenuItems(submenu: MenuItemTemplate[] | StandinMenu): MenuItemTemplate[] {
  return submenu instanceof StandinMenu ? submenu.items : submenu;
}

/** Finds an item by id anywhere in a menu. */
export function findMenuItem(items: MenuItemTemplate[], id: string): MenuItemTemplate | undefined {
  for (const item of items) {
    if (item.id === id) return item;
    const inside = item.submenu ? findMenuItem(submenuItems(item.submenu), id) : undefined;
    if (inside) return inside;
  }
  return undefined;
}

let applicationMenu: StandinMenu | null = null;

export const Menu = {
  buildFromTemplate: (template: MenuItemTemplate[]): StandinMenu => new StandinMenu(template),
  setApplicationMenu(menu: StandinMenu | null): void {
    applicationMenu = menu;
    record('Menu.setApplicationMenu', menu ? describeMenu(menu.items) : null);
  },
  getApplicationMenu: (): StandinMenu | null => applicationMenu,
};

export const nativeImage = {
  createFromPath: (file: string) => ({ path: file, isEmpty: () => !fs.existsSync(file), setTemplateImage: () => {} }),
};

/** Every Tray made; the last live one is "the tray". */
export const trays: StandinTray[] = [];

export class StandinTray extends EventEmitter {
  menu: StandinMenu | null = null;
  private destroyed = false;

  constructor(image: { path: string }) {
    super();
    if (!fs.existsSync(image.path)) throw new Error(`stand-in Tray: no image at ${image.path}`);
    record('Tray.new', { image: image.path });
    trays.push(this);
  }

  setImage(image: { path: string }): void {
    record('Tray.setImage', { image: image.path });
  }

  setToolTip(text: string): void {
    record('Tray.setToolTip', { text });
  }

  setTitle(title: string): void {
    record('Tray.setTitle', { title });
  }

  setContextMenu(menu: StandinMenu | null): void {
    this.menu = menu;
    record('Tray.setContextMenu', menu ? describeMenu(menu.items) : null);
  }

  isDestroyed(): boolean {
    return this.destroyed;
  }

  destroy(): void {
    this.destroyed = true;
    record('Tray.destroy');
  }
}

export class Notification extends EventEmitter {
  static isSupported(): boolean {
    return true;
  }

  constructor(private readonly options: { id?: string; title: string; body: string }) {
    super();
  }

  show(): void {
    record('Notification.show', { id: this.options.id, title: this.options.title, body: this.options.body });
  }
}

export const dialog = {
  showErrorBox(title: string, content: string): void {
    record('dialog.showErrorBox', { title, content });
    console.error(`[stand-in error box] ${title}: ${content}`);
  },
};

export const shell = {
  openExternal(url: string): Promise<void> {
    record('shell.openExternal', { url });
    return Promise.resolve();
  },
};
