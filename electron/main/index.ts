import path from 'node:path';
import { app, BrowserWindow, dialog, ipcMain, session } from 'electron';
import { formatState } from '../server/cli-output';
import { PANEL_CSP } from '../server/static-panel';
import { resolveAppPaths } from './app-paths';
import { describeStartupError, startDesktopCore, type DesktopCore } from './core';
import { forwardEvents, registerContractHandlers } from './ipc-handlers';
import { hardenSession } from './security';
import { createSenderCheck } from './trust';
import { createMainWindow } from './window';

/**
 * The Electron shell: lifecycle, window and IPC around the same core as `turnout serve`.
 * No business rules here; every change goes through the contract (DESIGN.md §2).
 */

/** Exit code when the core refused to start (port in use, database): scripts/start.mjs then does not retry headless. */
const CORE_FAILED_EXIT_CODE = 3;
/** How long quitting waits for in-flight requests before leaving anyway. */
const STOP_TIMEOUT_MS = 5_000;

// A separate profile directory (tests, a second setup): must be set before the single-instance lock.
if (process.env.TURNOUT_USER_DATA) app.setPath('userData', path.resolve(process.env.TURNOUT_USER_DATA));

const paths = resolveAppPaths(import.meta.dirname, app.getAppPath());
const devServerUrl = app.isPackaged ? undefined : process.env.ELECTRON_RENDERER_URL;

let core: DesktopCore | undefined;
let mainWindow: BrowserWindow | undefined;
const cleanups: (() => void)[] = [];
let stopped = false;
let stopping = false;

if (!app.requestSingleInstanceLock()) {
  // Another Turnout window owns this profile; it is told to show itself (second-instance).
  console.log('Turnout is already running: its window was brought to the front.');
  app.quit();
} else {
  app.on('second-instance', () => showWindow());
  app.on('activate', () => showWindow());
  // Tray seam (later issue): with a tray, closing the last window keeps Turnout running and
  // the tray's menu reopens it via showWindow(); tray clicks call the contract with
  // dispatch(core.running.control, method, input, { source: 'tray' }) and follow
  // core.running.control.events like the windows do.
  app.on('window-all-closed', () => {
    if (process.platform !== 'darwin') app.quit();
  });
  app.on('will-quit', (event) => {
    if (!core || stopped) return;
    event.preventDefault();
    if (stopping) return;
    stopping = true;
    void stopCore(core).finally(() => {
      stopped = true;
      app.quit();
    });
  });
  for (const signal of ['SIGINT', 'SIGTERM'] as const) process.on(signal, () => app.quit());
  app.whenReady().then(start).catch(failStart);
}

async function start(): Promise<void> {
  try {
    if (!devServerUrl) hardenSession(session.defaultSession, PANEL_CSP);
    core = await startDesktopCore({
      dataDir: app.getPath('userData'),
      rendererDir: paths.rendererDir,
      ...(paths.nativeBinding ? { nativeBinding: paths.nativeBinding } : {}),
      log: (line) => console.log(line),
    });
  } catch (error) {
    failStart(error);
    return;
  }
  const { control, adminUrl } = core.running;
  const trusted = createSenderCheck({ rendererDir: paths.rendererDir, ...(devServerUrl ? { devServerUrl } : {}) });
  cleanups.push(registerContractHandlers(ipcMain, control, trusted));
  cleanups.push(
    forwardEvents(
      (event, listener) => control.events.on(event, listener),
      (channel, payload) => {
        for (const window of BrowserWindow.getAllWindows()) if (!window.webContents.isDestroyed()) window.webContents.send(channel, payload);
      },
    ),
  );
  showWindow();
  console.log(formatState(await control.getState()));
  console.log(`Panel   ${adminUrl}/#token=${core.token}  (also in a browser)`);
  console.log(`Data    ${path.dirname(core.dbFile)}`);
  console.log('Ready. Close the window or press Ctrl+C to quit.');
}

function showWindow(): void {
  if (!core) return;
  if (!mainWindow || mainWindow.isDestroyed()) {
    mainWindow = createMainWindow({
      preload: paths.preload,
      rendererDir: paths.rendererDir,
      icon: paths.icon,
      ...(devServerUrl ? { devServerUrl } : {}),
    });
    mainWindow.on('closed', () => (mainWindow = undefined));
    return;
  }
  if (mainWindow.isMinimized()) mainWindow.restore();
  mainWindow.show();
  mainWindow.focus();
}

async function stopCore(running: DesktopCore): Promise<void> {
  for (const cleanup of cleanups.splice(0)) cleanup();
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<void>((resolve) => (timer = setTimeout(resolve, STOP_TIMEOUT_MS)));
  try {
    await Promise.race([running.running.stop(), timeout]);
  } catch (error) {
    console.error('turnout: stopping the core failed:', error);
  } finally {
    clearTimeout(timer);
  }
}

function failStart(error: unknown): void {
  const message = describeStartupError(error);
  console.error(`turnout: ${message}`);
  dialog.showErrorBox('Turnout could not start', message);
  app.exit(CORE_FAILED_EXIT_CODE);
}
