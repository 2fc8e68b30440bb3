import fs from 'node:fs';
import path from 'node:path';
import { z } from 'zod';

// Electron-free: the window's size and place, kept in userData between runs. The file is
// validated and clamped to the displays there are now (a monitor may be gone since).

export interface Rect {
  x: number;
  y: number;
  width: number;
  height: number;
}

export interface WindowState {
  bounds: Rect;
  maximized: boolean;
}

/** Where the window opens: a size always, a position only when it is on a display. */
export interface WindowPlacement {
  width: number;
  height: number;
  x?: number;
  y?: number;
  maximized: boolean;
}

export const WINDOW_STATE_FILE = 'window-state.json';
export const DEFAULT_WINDOW_SIZE = { width: 1120, height: 780 };
export const MIN_WINDOW_SIZE = { width: 720, height: 520 };
/** How much of the window must be on a display to keep its place (enough to grab the title bar). */
const MIN_VISIBLE = { width: 120, height: 60 };

const coordinate = z.number().int().min(-100_000).max(100_000);
const length = z.number().int().min(1).max(100_000);
const stateSchema = z.object({
  bounds: z.object({ x: coordinate, y: coordinate, width: length, height: length }),
  maximized: z.boolean(),
});

/** The saved state, or undefined for anything else (missing, corrupt, another shape). */
export function parseWindowState(text: string): WindowState | undefined {
  try {
    const parsed = stateSchema.safeParse(JSON.parse(text));
    return parsed.success ? parsed.data : undefined;
  } catch {
    return undefined;
  }
}

function overlap(a: Rect, b: Rect): { width: number; height: number } {
  return {
    width: Math.max(0, Math.min(a.x + a.width, b.x + b.width) - Math.max(a.x, b.x)),
    height: Math.max(0, Math.min(a.y + a.height, b.y + b.height) - Math.max(a.y, b.y)),
  };
}

const clamp = (value: number, min: number, max: number): number => Math.min(Math.max(value, min), max);

/**
 * Fits a saved state to the displays' work areas (primary first). A window mostly off every
 * display gets no position (Electron centres it on the primary); one on a display is moved
 * fully onto it and made no bigger than it.
 */
export function placeWindow(saved: WindowState | undefined, workAreas: readonly Rect[]): WindowPlacement {
  const primary = workAreas[0];
  const fit = (size: { width: number; height: number }, area: Rect | undefined) => ({
    width: area ? clamp(size.width, Math.min(MIN_WINDOW_SIZE.width, area.width), area.width) : Math.max(size.width, MIN_WINDOW_SIZE.width),
    height: area ? clamp(size.height, Math.min(MIN_WINDOW_SIZE.height, area.height), area.height) : Math.max(size.height, MIN_WINDOW_SIZE.height),
  });
  if (!saved) return { ...fit(DEFAULT_WINDOW_SIZE, primary), maximized: false };
  let best: { area: Rect; visible: number } | undefined;
  for (const area of workAreas) {
    const { width, height } = overlap(saved.bounds, area);
    if (width < MIN_VISIBLE.width || height < MIN_VISIBLE.height) continue;
    if (!best || width * height > best.visible) best = { area, visible: width * height };
  }
  if (!best) return { ...fit(saved.bounds, primary), maximized: saved.maximized };
  const size = fit(saved.bounds, best.area);
  return {
    ...size,
    x: clamp(saved.bounds.x, best.area.x, best.area.x + best.area.width - size.width),
    y: clamp(saved.bounds.y, best.area.y, best.area.y + best.area.height - size.height),
    maximized: saved.maximized,
  };
}

export function loadWindowState(dir: string): WindowState | undefined {
  try {
    return parseWindowState(fs.readFileSync(path.join(dir, WINDOW_STATE_FILE), 'utf8'));
  } catch {
    return undefined;
  }
}

/** Written to a temp file and renamed, so a crash mid-write leaves the old state, not half a file. */
export function saveWindowState(dir: string, state: WindowState): void {
  const parsed = stateSchema.safeParse({ ...state, bounds: roundRect(state.bounds) });
  if (!parsed.success) return;
  const file = path.join(dir, WINDOW_STATE_FILE);
  const temp = `${file}.${process.pid}.tmp`;
  fs.mkdirSync(dir, { recursive: true });
  fs.writeFileSync(temp, `${JSON.stringify(parsed.data)}\n`);
  fs.renameSync(temp, file);
}

function roundRect(rect: Rect): Rect {
  return { x: Math.round(rect.x), y: Math.round(rect.y), width: Math.round(rect.width), height: Math.round(rect.height) };
}
