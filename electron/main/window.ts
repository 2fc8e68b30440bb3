import path from 'node:path';
import { BrowserWindow, shell, type WebContents } from 'electron';
import { isExternalWebUrl, isSameDocument } from './trust';

export interface MainWindowOptions {
  preload: string;
  rendererDir: string;
  /** electron-vite's dev server (ELECTRON_RENDERER_URL), development only. */
  devServerUrl?: string;
  icon?: string;
}

/** The control window: sandboxed, isolated, no Node; it talks to main only through the preload's bridge. */
export function createMainWindow(options: MainWindowOptions): BrowserWindow {
  const window = new BrowserWindow({
    title: 'Turnout',
    width: 1120,
    height: 780,
    minWidth: 720,
    minHeight: 520,
    show: false,
    ...(options.icon ? { icon: options.icon } : {}),
    webPreferences: {
      preload: options.preload,
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      webSecurity: true,
      spellcheck: false,
    },
  });
  window.once('ready-to-show', () => window.show());
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
