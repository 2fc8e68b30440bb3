/**
 * Keyboard shortcuts, one table for every surface: the panel (plain keys, ignored while
 * typing in a field), the desktop menu (the same digit with Ctrl / ⌘, so it works from any
 * field and shows beside the item) and the shortcuts help that lists them.
 */

/** Presets 1…9 by position, the order the panel and the tray show them. */
export const PRESET_SHORTCUT_COUNT = 9;

/** The panel's key for the preset at `index` ("1"), or null past the ninth. */
export function presetKey(index: number): string | null {
  return Number.isInteger(index) && index >= 0 && index < PRESET_SHORTCUT_COUNT ? String(index + 1) : null;
}

/** The desktop menu's accelerator for the same preset ("CmdOrCtrl+1"). */
export function presetAccelerator(index: number): string | null {
  const key = presetKey(index);
  return key ? `CmdOrCtrl+${key}` : null;
}

/** Which preset a key press means, by position, or null. */
export function presetIndexForKey(key: string): number | null {
  if (!/^[1-9]$/.test(key)) return null;
  return Number(key) - 1;
}

export const SHORTCUTS_HELP_KEY = '?';
export const PRESENTER_KEY = 'p';

/** What the shortcuts help lists, in order. */
export const PANEL_SHORTCUTS: readonly { keys: string; does: string }[] = [
  { keys: '1 … 9', does: 'Apply preset 1 … 9 (desktop app: also Ctrl+1 … 9, ⌘1 … 9 on macOS)' },
  { keys: 'P', does: 'Presenter view on or off' },
  { keys: 'Esc', does: 'Leave the presenter view, close a dialog' },
  { keys: '?', does: 'Show these shortcuts' },
  { keys: '← → / PgUp PgDn / Home End', does: 'On the ratio slider: 1 %, 10 %, all to one side' },
];
