import { describe, expect, it } from 'vitest';
import { initialWindowState, parseWindowState, type Rect } from './window-bounds.js';

// A laptop (primary, with a 25 px menu bar) and a monitor to its right.
const LAPTOP: Rect = { x: 0, y: 25, width: 1920, height: 1055 };
const MONITOR: Rect = { x: 1920, y: 0, width: 2560, height: 1440 };
const CENTRED_ON_LAPTOP = { x: 240, y: 103, width: 1440, height: 900 };

describe('where the window opens', () => {
  it('opens at the default size, centred on the primary display, the first time', () => {
    expect(initialWindowState(null, [LAPTOP, MONITOR], LAPTOP)).toEqual({ bounds: CENTRED_ON_LAPTOP, maximized: false });
  });

  it('opens where it was left when that place is still on a display', () => {
    const onMonitor = { bounds: { x: 2100, y: 100, width: 1800, height: 1100 }, maximized: false };
    expect(initialWindowState(onMonitor, [LAPTOP, MONITOR], LAPTOP)).toEqual(onMonitor);
    const maximised = { bounds: { x: 100, y: 60, width: 1500, height: 900 }, maximized: true };
    expect(initialWindowState(maximised, [LAPTOP, MONITOR], LAPTOP)).toEqual(maximised);
  });

  it('keeps a window only partly on screen when its title bar can still be grabbed', () => {
    const hangingOffLeft = { bounds: { x: -1300, y: 200, width: 1440, height: 900 }, maximized: false };
    expect(initialWindowState(hangingOffLeft, [LAPTOP], LAPTOP)).toEqual(hangingOffLeft);
  });

  it('centres the window again when its place is gone: the monitor unplugged, a sliver left, the title bar above the screen', () => {
    const onMonitor = { bounds: { x: 2100, y: 100, width: 1800, height: 1100 }, maximized: false };
    expect(initialWindowState(onMonitor, [LAPTOP], LAPTOP)).toEqual({ bounds: CENTRED_ON_LAPTOP, maximized: false });
    const sliver = { bounds: { x: 1860, y: 300, width: 1440, height: 900 }, maximized: false };
    expect(initialWindowState(sliver, [LAPTOP], LAPTOP).bounds).toEqual(CENTRED_ON_LAPTOP);
    const titleBarAbove = { bounds: { x: 200, y: -500, width: 1440, height: 900 }, maximized: false };
    expect(initialWindowState(titleBarAbove, [LAPTOP], LAPTOP).bounds).toEqual(CENTRED_ON_LAPTOP);
  });

  it('opens a maximised window maximised even when its old place is gone', () => {
    const maximisedOnMonitor = { bounds: { x: 2000, y: 0, width: 1600, height: 1000 }, maximized: true };
    expect(initialWindowState(maximisedOnMonitor, [LAPTOP], LAPTOP)).toEqual({ bounds: CENTRED_ON_LAPTOP, maximized: true });
  });

  it('shrinks a window larger than its display to fit, and the default to a small primary display', () => {
    const tall = { bounds: { x: 10, y: 30, width: 2400, height: 1400 }, maximized: false };
    expect(initialWindowState(tall, [LAPTOP], LAPTOP).bounds).toEqual({ x: 10, y: 30, width: 1920, height: 1055 });
    const small: Rect = { x: 0, y: 0, width: 1280, height: 720 };
    expect(initialWindowState(null, [small], small).bounds).toEqual({ x: 0, y: 0, width: 1280, height: 720 });
  });

  it('reads back only a well-formed saved state', () => {
    expect(parseWindowState({ bounds: { x: 1, y: 2, width: 3, height: 4 }, maximized: true })).toEqual({ bounds: { x: 1, y: 2, width: 3, height: 4 }, maximized: true });
    for (const value of [null, 'x', {}, { bounds: { x: 1, y: 2, width: 3, height: 4 } }, { bounds: { x: 1, y: 2, width: 0, height: 4 }, maximized: false }, { bounds: { x: '1', y: 2, width: 3, height: 4 }, maximized: false }, { bounds: { x: 1, y: 2, width: Infinity, height: 4 }, maximized: false }]) {
      expect([value, parseWindowState(value)]).toEqual([value, null]);
    }
  });
});
