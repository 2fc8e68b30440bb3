import { cdpUrl } from './chromium';
import { ipcMain } from './ipc-main';
import { findMenuItem, Menu, trays } from './os-shell';
import { allRecords } from './record';

/**
 * The test's side door into the app process, over the fork IPC channel (launch.ts):
 * read the records, click a tray or application menu item as the OS would, get the
 * DevTools endpoint. Commands answer `{ id, ok, value }` or `{ id, ok: false, error }`.
 */
type Command = { id: number; cmd: 'records' } | { id: number; cmd: 'cdpUrl' } | { id: number; cmd: 'ipcInvoked' } | { id: number; cmd: 'click'; menu: 'tray' | 'application'; item: string };

async function run(command: Command): Promise<unknown> {
  switch (command.cmd) {
    case 'records':
      return allRecords();
    case 'cdpUrl':
      return cdpUrl();
    case 'ipcInvoked':
      return Object.fromEntries(ipcMain.invoked);
    case 'click': {
      const menu = command.menu === 'tray' ? trays.filter((tray) => !tray.isDestroyed()).at(-1)?.menu : Menu.getApplicationMenu();
      const item = menu ? findMenuItem(menu.items, command.item) : undefined;
      if (!item?.click || item.enabled === false) return false;
      item.click(item, null, {});
      return true;
    }
  }
}

export function startControl(): void {
  if (!process.send) return;
  process.on('message', (message: Command) => {
    run(message).then(
      (value) => process.send?.({ id: message.id, ok: true, value }),
      (error: unknown) => process.send?.({ id: message.id, ok: false, error: String(error) }),
    );
  });
  // The channel alone must not keep the app alive: it exits when it quits, as Electron does.
  process.channel?.unref();
}
