import { describe, expect, it } from 'vitest';
import { PANEL_SHORTCUTS, presetAccelerator, presetIndexForKey, presetKey } from '../../shared/domain/shortcuts';

describe('shortcuts: one table for the panel, the desktop menu and the help', () => {
  it('numbers presets 1…9 by position, the same digit in the panel and the menu', () => {
    expect([0, 1, 8, 9, -1, 1.5].map(presetKey)).toEqual(['1', '2', '9', null, null, null]);
    expect([0, 8, 9].map(presetAccelerator)).toEqual(['CmdOrCtrl+1', 'CmdOrCtrl+9', null]);
    expect(['1', '9', '0', 'a', '10', ''].map(presetIndexForKey)).toEqual([0, 8, null, null, null, null]);
    for (let index = 0; index < 9; index++) expect(presetIndexForKey(presetKey(index)!)).toBe(index);
  });

  it('lists every key the panel answers to in the help', () => {
    expect(PANEL_SHORTCUTS.map((shortcut) => shortcut.keys)).toEqual(['1 … 9', 'P', 'Esc', '?', '← → / PgUp PgDn / Home End']);
  });
});
