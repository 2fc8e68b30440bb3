import { EventEmitter } from 'node:events';
import { record } from './record';

/**
 * nativeTheme and screen: one light-themed 1920×1080 display. Not proved: real displays,
 * scaling, theme changes from the OS (nothing here emits `updated`).
 */
class StandinNativeTheme extends EventEmitter {
  private source = 'system';
  readonly shouldUseDarkColors = false;

  get themeSource(): string {
    return this.source;
  }

  set themeSource(value: string) {
    record('nativeTheme.themeSource', { value });
    this.source = value;
  }
}

export const nativeTheme = new StandinNativeTheme();

const display = { id: 1, scaleFactor: 1, bounds: { x: 0, y: 0, width: 1920, height: 1080 }, workArea: { x: 0, y: 0, width: 1920, height: 1040 } };

export const screen = {
  getPrimaryDisplay: () => display,
  getAllDisplays: () => [display],
};
