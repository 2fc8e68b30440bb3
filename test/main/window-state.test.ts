import fs from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { DEFAULT_WINDOW_SIZE, loadWindowState, parseWindowState, placeWindow, saveWindowState, WINDOW_STATE_FILE } from '../../electron/main/window-state';
import { makeTempDir } from '../support/temp-dir';

const laptop = { x: 0, y: 0, width: 1440, height: 875 };
const rightMonitor = { x: 1440, y: -200, width: 2560, height: 1400 };
const saved = (x: number, y: number, width = 1000, height = 700, maximized = false) => ({ bounds: { x, y, width, height }, maximized });

describe('where the window opens', () => {
  it('uses the default size, centred, the first time', () => {
    expect(placeWindow(undefined, [laptop])).toEqual({ ...DEFAULT_WINDOW_SIZE, maximized: false });
  });

  it('keeps a place that is on a display, on the display it is mostly on', () => {
    expect(placeWindow(saved(100, 50), [laptop, rightMonitor])).toEqual({ x: 100, y: 50, width: 1000, height: 700, maximized: false });
    expect(placeWindow(saved(2000, 100, 1000, 700, true), [laptop, rightMonitor])).toEqual({ x: 2000, y: 100, width: 1000, height: 700, maximized: true });
  });

  it('pulls a window hanging off the edge fully onto its display', () => {
    expect(placeWindow(saved(1000, 500), [laptop])).toEqual({ x: 440, y: 175, width: 1000, height: 700, maximized: false });
    expect(placeWindow(saved(-800, -100), [laptop])).toEqual({ x: 0, y: 0, width: 1000, height: 700, maximized: false });
  });

  it('drops the place (centre on the primary) when the display it was on is gone, and shrinks it to fit', () => {
    expect(placeWindow(saved(2000, 100, 2400, 1300, true), [laptop])).toEqual({ width: 1440, height: 875, maximized: true });
    // A sliver (less than a title bar's grip) on screen counts as gone.
    expect(placeWindow(saved(1400, 100), [laptop])).toEqual({ width: 1000, height: 700, maximized: false });
  });

  it('never goes below the minimum size unless the display is smaller', () => {
    expect(placeWindow(saved(10, 10, 100, 100), [laptop])).toMatchObject({ width: 720, height: 520 });
    expect(placeWindow(saved(0, 0, 100, 100), [{ x: 0, y: 0, width: 640, height: 480 }])).toMatchObject({ width: 640, height: 480 });
  });
});

describe('the window-state file', () => {
  let temp: ReturnType<typeof makeTempDir> | undefined;
  afterEach(() => temp?.cleanup());

  it('round-trips, rounding fractional bounds', () => {
    temp = makeTempDir('turnout-window-');
    saveWindowState(temp.dir, { bounds: { x: 10.4, y: 20.6, width: 1000, height: 700 }, maximized: true });
    expect(loadWindowState(temp.dir)).toEqual({ bounds: { x: 10, y: 21, width: 1000, height: 700 }, maximized: true });
    expect(fs.readdirSync(temp.dir)).toEqual([WINDOW_STATE_FILE]);
  });

  it.each([
    ['not JSON', '{'],
    ['the wrong shape', '{"bounds":{"x":0,"y":0},"maximized":false}'],
    ['absurd numbers', '{"bounds":{"x":0,"y":0,"width":1e12,"height":700},"maximized":false}'],
    ['a negative size', '{"bounds":{"x":0,"y":0,"width":-5,"height":700},"maximized":false}'],
  ])('ignores a file with %s', (_label, text) => {
    expect(parseWindowState(text)).toBeUndefined();
    temp = makeTempDir('turnout-window-');
    fs.writeFileSync(path.join(temp.dir, WINDOW_STATE_FILE), text);
    expect(loadWindowState(temp.dir)).toBeUndefined();
  });

  it('treats a missing file as no saved state', () => {
    expect(loadWindowState('/nonexistent/turnout')).toBeUndefined();
  });
});
