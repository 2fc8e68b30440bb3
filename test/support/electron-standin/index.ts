/**
 * A stand-in for `electron` (test only), for the built main process (out/main/index.js)
 * running under plain Node: launch.ts starts it with `--import register.mjs`, which makes
 * `electron` resolve here in that child process alone.
 *
 * It proves the built app's own wiring end to end: main starts, the core runs on the Node
 * build of better-sqlite3, the built renderer loads over file:// in a real Chromium under
 * the app's CSP headers, the real preload bundle exposes the contract, every call crosses
 * ipcMain.handle, events come back through webContents.send, tray and menu clicks run the
 * app's handlers, the single-instance lock and the quit sequence behave as Electron's do.
 *
 * It cannot prove (see each file): real window chrome, an OS tray or native menus, GPU,
 * context isolation and the sandbox of the preload, Electron's IPC serialisation beyond
 * what Playwright serialises, Electron's own Chromium version, the Electron-ABI addon, OS
 * notifications and dialogs. Those run on hosted runners with the real Electron
 * (.github/workflows/desktop.yml, test/main/electron-app.test.ts).
 *
 * Only what the app uses is here; a new Electron API in electron/main needs a line here too.
 */
import { startControl } from './control';

export { app } from './app';
export { BrowserWindow } from './browser-window';
export { nativeTheme, screen } from './display';
export { ipcMain } from './ipc-main';
export { dialog, Menu, nativeImage, Notification, shell, StandinTray as Tray } from './os-shell';
export { session } from './session';

startControl();
