import { nativeTheme, screen, type BrowserWindow } from 'electron';
import { createMainWindow, windowBackground, type MainWindowOptions } from './window';
import { loadWindowState, placeWindow, saveWindowState } from './window-state';

export type WindowLocation = Omit<MainWindowOptions, 'placement' | 'backgroundColor'>;

/**
 * The one control window: created on demand (closing it destroys it, Turnout stays in the
 * tray), its size and place remembered in userData, its background following the OS theme.
 */
export class MainWindowHolder {
  private window: BrowserWindow | undefined;

  constructor(
    private readonly location: WindowLocation,
    private readonly stateDir: string,
  ) {
    // 'system': the renderer's prefers-color-scheme and the window frame follow the OS.
    nativeTheme.themeSource = 'system';
    nativeTheme.on('updated', () => {
      if (this.window && !this.window.isDestroyed()) this.window.setBackgroundColor(windowBackground(nativeTheme.shouldUseDarkColors));
    });
  }

  get current(): BrowserWindow | undefined {
    return this.window && !this.window.isDestroyed() ? this.window : undefined;
  }

  show(): void {
    const existing = this.current;
    if (existing) {
      if (existing.isMinimized()) existing.restore();
      existing.show();
      existing.focus();
      return;
    }
    const workAreas = [screen.getPrimaryDisplay(), ...screen.getAllDisplays()].map((display) => display.workArea);
    const window = createMainWindow({
      ...this.location,
      placement: placeWindow(loadWindowState(this.stateDir), workAreas),
      backgroundColor: windowBackground(nativeTheme.shouldUseDarkColors),
    });
    window.on('close', () => this.remember(window));
    window.on('closed', () => {
      if (this.window === window) this.window = undefined;
    });
    this.window = window;
  }

  /** The normal (not maximised) bounds, so un-maximising next time lands where the user left it. */
  private remember(window: BrowserWindow): void {
    try {
      saveWindowState(this.stateDir, { bounds: window.getNormalBounds(), maximized: window.isMaximized() });
    } catch (error) {
      console.error('turnout: could not save the window state:', error);
    }
  }
}
