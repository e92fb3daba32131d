/** A rectangle in screen coordinates (Electron's Rectangle). */
export interface Rect {
  x: number;
  y: number;
  width: number;
  height: number;
}

/** What is remembered of the window between runs. */
export interface WindowState {
  bounds: Rect;
  maximized: boolean;
}

export const DEFAULT_SIZE = { width: 1440, height: 900 } as const;
export const MIN_SIZE = { width: 1024, height: 640 } as const;

/** The part of the window that must lie on a display for the user to grab and move it: its title bar. */
const TITLE_BAR_HEIGHT = 32;
const MIN_GRAB_WIDTH = 120;
const MIN_GRAB_HEIGHT = 16;

function overlap(a: Rect, b: Rect): { width: number; height: number } {
  return {
    width: Math.min(a.x + a.width, b.x + b.width) - Math.max(a.x, b.x),
    height: Math.min(a.y + a.height, b.y + b.height) - Math.max(a.y, b.y),
  };
}

/** The work area holding enough of the window's title bar to grab it, if any. */
function displayShowing(bounds: Rect, workAreas: readonly Rect[]): Rect | undefined {
  const titleBar = { x: bounds.x, y: bounds.y, width: bounds.width, height: TITLE_BAR_HEIGHT };
  return workAreas.find((area) => {
    const shared = overlap(titleBar, area);
    return shared.width >= MIN_GRAB_WIDTH && shared.height >= MIN_GRAB_HEIGHT;
  });
}

/**
 * Where the window opens: where it was left, if that place is still on a display (a laptop
 * undocked from its second monitor would otherwise open the terminal off-screen), shrunk to
 * fit that display; else the default size centred on the primary display. A maximised window
 * opens maximised either way.
 */
export function initialWindowState(saved: WindowState | null, workAreas: readonly Rect[], primary: Rect): WindowState {
  const display = saved ? displayShowing(saved.bounds, workAreas) : undefined;
  if (saved && display) {
    return {
      bounds: { ...saved.bounds, width: Math.min(saved.bounds.width, display.width), height: Math.min(saved.bounds.height, display.height) },
      maximized: saved.maximized,
    };
  }
  const width = Math.min(DEFAULT_SIZE.width, primary.width);
  const height = Math.min(DEFAULT_SIZE.height, primary.height);
  return {
    bounds: { x: primary.x + Math.round((primary.width - width) / 2), y: primary.y + Math.round((primary.height - height) / 2), width, height },
    maximized: saved?.maximized ?? false,
  };
}

const isFiniteNumber = (value: unknown): value is number => typeof value === 'number' && Number.isFinite(value);

/** A saved state read back from disk, or null when it is not one (an old format, a hand edit). */
export function parseWindowState(value: unknown): WindowState | null {
  if (typeof value !== 'object' || value === null) return null;
  const { bounds, maximized } = value as { bounds?: unknown; maximized?: unknown };
  if (typeof bounds !== 'object' || bounds === null || typeof maximized !== 'boolean') return null;
  const { x, y, width, height } = bounds as Record<string, unknown>;
  if (!isFiniteNumber(x) || !isFiniteNumber(y) || !isFiniteNumber(width) || !isFiniteNumber(height) || width <= 0 || height <= 0) return null;
  return { bounds: { x, y, width, height }, maximized };
}
