import path from 'node:path';
import { BrowserWindow, shell, type WebContents } from 'electron';
import { isExternalWebUrl, isSameDocument } from './trust';
import { MIN_WINDOW_SIZE, type WindowPlacement } from './window-state';

export interface MainWindowOptions {
  preload: string;
  rendererDir: string;
  /** electron-vite's dev server (ELECTRON_RENDERER_URL), development only. */
  devServerUrl?: string;
  icon?: string;
  /** Size and place from the last run (window-state.ts). */
  placement: WindowPlacement;
  /** Painted before the page loads, matching the page's light or dark background: no white flash. */
  backgroundColor: string;
}

/** The renderer's --bg (renderer/src/styles.css) in light and dark. */
export function windowBackground(dark: boolean): string {
  return dark ? '#111417' : '#f4f5f7';
}

/** The control window: sandboxed, isolated, no Node; it talks to main only through the preload's bridge. */
export function createMainWindow(options: MainWindowOptions): BrowserWindow {
  const window = new BrowserWindow({
    title: 'Turnout',
    width: options.placement.width,
    height: options.placement.height,
    ...(options.placement.x !== undefined && options.placement.y !== undefined ? { x: options.placement.x, y: options.placement.y } : {}),
    minWidth: MIN_WINDOW_SIZE.width,
    minHeight: MIN_WINDOW_SIZE.height,
    backgroundColor: options.backgroundColor,
    show: false,
    ...(options.icon ? { icon: options.icon } : {}),
    webPreferences: {
      preload: options.preload,
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      webviewTag: false,
      navigateOnDragDrop: false,
      safeDialogs: true,
      spellcheck: false,
    },
  });
  window.once('ready-to-show', () => {
    if (options.placement.maximized) window.maximize();
    window.show();
  });
  guardNavigation(window.webContents);
  if (options.devServerUrl) void window.loadURL(options.devServerUrl);
  else void window.loadFile(path.join(options.rendererDir, 'index.html'));
  return window;
}

/** The window never leaves its page: links to the web open in the user's browser, the rest is refused. */
function guardNavigation(contents: WebContents): void {
  contents.on('will-navigate', (event) => {
    if (isSameDocument(contents.getURL(), event.url)) return;
    event.preventDefault();
    openExternally(event.url);
  });
  contents.setWindowOpenHandler(({ url }) => {
    openExternally(url);
    return { action: 'deny' };
  });
  contents.on('will-attach-webview', (event) => event.preventDefault());
}

function openExternally(url: string): void {
  if (isExternalWebUrl(url)) void shell.openExternal(url);
}
