import path from 'node:path';
import { app, BrowserWindow, dialog, ipcMain, Menu, session, shell } from 'electron';
import type { TurnoutState } from '../../shared/contract/state';
import { formatState } from '../server/cli-output';
import { PANEL_CSP } from '../server/static-panel';
import { APP_ID, resolveAppPaths } from './app-paths';
import { appMenuTemplate, menuPresets, menuPresetsKey } from './app-menu';
import { describeStartupError, startDesktopCore, stopDesktopCore, type DesktopCore } from './core';
import { forwardEvents, registerContractHandlers } from './ipc-handlers';
import { MainWindowHolder } from './main-window';
import { showNotification, startNotifier } from './notifier';
import { denyStrayContents, hardenSession } from './security';
import { createTray, type TurnoutTray } from './tray';
import { runTrayAction } from './tray-actions';
import { createSenderCheck } from './trust';

/**
 * The Electron shell: lifecycle, window, tray and IPC around the same core as `turnout serve`.
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
const resourcesDir = path.dirname(paths.icon);

let core: DesktopCore | undefined;
let tray: TurnoutTray | undefined;
const windows = new MainWindowHolder(
  { preload: paths.preload, rendererDir: paths.rendererDir, icon: paths.icon, ...(devServerUrl ? { devServerUrl } : {}) },
  app.getPath('userData'),
);
const cleanups: (() => void)[] = [];
let stopped = false;
let stopping = false;

if (!app.requestSingleInstanceLock()) {
  // Another Turnout owns this profile; it is told to show itself (second-instance).
  console.log('Turnout is already running: its window was brought to the front.');
  app.quit();
} else {
  if (process.platform === 'win32') app.setAppUserModelId(APP_ID);
  app.on('web-contents-created', (_event, contents) => denyStrayContents(contents));
  app.on('second-instance', () => showWindow());
  app.on('activate', () => showWindow());
  // With a tray, closing the window keeps Turnout (and the proxy) running; Quit is in the
  // tray and the menu. Without one (the tray failed), the usual rules: quit, except on macOS.
  app.on('window-all-closed', () => {
    if (!tray && process.platform !== 'darwin') app.quit();
  });
  app.on('will-quit', (event) => {
    if (!core || stopped) return;
    event.preventDefault();
    if (stopping) return;
    stopping = true;
    void stopAll(core).finally(() => {
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
  const panelLink = `${adminUrl}/#token=${core.token}`;
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
  const initial = await control.getState();
  const onState = (listener: (state: TurnoutState) => void) => control.events.on('state', listener);
  cleanups.push(startAppMenu(initial, onState, panelLink));
  startTrayIcon(initial, onState);
  cleanups.push(
    startNotifier({ initial, onState, icon: paths.icon, onClick: () => showWindow() }),
  );
  showWindow();
  console.log(formatState(initial));
  console.log(`Panel   ${panelLink}  (also in a browser)`);
  console.log(`Data    ${path.dirname(core.dbFile)}`);
  console.log(`Ready. ${tray ? 'Closing the window keeps Turnout in the tray; quit from its menu' : 'Close the window'} or press Ctrl+C to quit.`);
}

/** The application menu, rebuilt when the presets or the applied one change (Ctrl/⌘+1…9 apply them, as the tray does). */
function startAppMenu(initial: TurnoutState, onState: (listener: (state: TurnoutState) => void) => () => void, panelLink: string): () => void {
  const handlers = core!.running.control;
  let shown = '';
  const build = (state: TurnoutState): void => {
    const presets = menuPresets(state);
    if (menuPresetsKey(presets) === shown) return;
    shown = menuPresetsKey(presets);
    const applyPreset = (name: string): void =>
      void runTrayAction({ kind: 'applyPreset', name }, { handlers, showWindow, quit: () => app.quit(), report: (message) => showNotification({ key: 'menu-error', title: 'Turnout', body: message }, { icon: paths.icon, onClick: showWindow }) });
    const template = appMenuTemplate({ platform: process.platform, appName: app.name, devTools: !app.isPackaged, openInBrowser: () => void shell.openExternal(panelLink), presets, applyPreset });
    Menu.setApplicationMenu(Menu.buildFromTemplate(template));
  };
  build(initial);
  return onState(build);
}

function startTrayIcon(initial: TurnoutState, onState: (listener: (state: TurnoutState) => void) => () => void): void {
  const handlers = core!.running.control;
  try {
    tray = createTray({
      resourcesDir,
      initial,
      subscribe: onState,
      onClick: () => showWindow(),
      run: (action) =>
        runTrayAction(action, {
          handlers,
          showWindow,
          quit: () => app.quit(),
          report: (message) => showNotification({ key: 'tray-error', title: 'Turnout', body: message }, { icon: paths.icon, onClick: showWindow }),
        }),
    });
  } catch (error) {
    // Some Linux desktops have no tray; Turnout then behaves like an ordinary windowed app.
    console.error('turnout: no tray icon:', error);
    return;
  }
  // The Playwright suite clicks tray items through this (main-process global; pages cannot reach it).
  if (process.env.TURNOUT_TEST_HOOKS === '1') Object.assign(globalThis, { turnoutTray: tray.controller });
}

function showWindow(): void {
  if (core) windows.show();
}

async function stopAll(running: DesktopCore): Promise<void> {
  for (const cleanup of cleanups.splice(0)) cleanup();
  tray?.destroy();
  try {
    if ((await stopDesktopCore(running, STOP_TIMEOUT_MS)) === 'timed-out') {
      console.error(`turnout: requests still in flight after ${STOP_TIMEOUT_MS / 1000} s; quitting anyway.`);
    }
  } catch (error) {
    console.error('turnout: stopping the core failed:', error);
  }
}

function failStart(error: unknown): void {
  const message = describeStartupError(error);
  console.error(`turnout: ${message}`);
  dialog.showErrorBox('Turnout could not start', message);
  app.exit(CORE_FAILED_EXIT_CODE);
}
