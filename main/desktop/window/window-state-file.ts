import { readFileSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseWindowState, type Rect, type WindowState } from './window-bounds.js';

export const windowStateFile = (userData: string): string => join(userData, 'window-state.json');

/** The saved state, or null when there is none or it cannot be read (the window then opens centred). */
export function loadWindowState(file: string): WindowState | null {
  try {
    return parseWindowState(JSON.parse(readFileSync(file, 'utf8')));
  } catch {
    return null;
  }
}

/** Written whole and renamed into place, so a crash mid-write never leaves half a file. */
export function saveWindowState(file: string, state: WindowState): void {
  const partial = `${file}.partial`;
  writeFileSync(partial, `${JSON.stringify(state)}\n`);
  renameSync(partial, file);
}

/** The part of a BrowserWindow whose state is remembered. */
export interface TrackedWindow {
  getNormalBounds(): Rect;
  isMaximized(): boolean;
  on(event: 'move' | 'resize' | 'maximize' | 'unmaximize' | 'close', listener: () => void): unknown;
}

/** How long moving or resizing must pause before the state is written (a drag fires dozens of events). */
export const SAVE_DELAY_MS = 500;

/**
 * Remembers the window's place: saved a moment after it stops moving or resizing, and at once
 * when it closes. The normal (restored) bounds are saved with the maximised flag, so a
 * maximised window comes back maximised and un-maximises to where it was.
 */
export function trackWindowState(window: TrackedWindow, file: string, onError: (error: unknown) => void, delayMs = SAVE_DELAY_MS): void {
  let timer: NodeJS.Timeout | null = null;
  const save = (): void => {
    if (timer) clearTimeout(timer);
    timer = null;
    try {
      saveWindowState(file, { bounds: window.getNormalBounds(), maximized: window.isMaximized() });
    } catch (error) {
      onError(error);
    }
  };
  const later = (): void => {
    if (timer) clearTimeout(timer);
    timer = setTimeout(save, delayMs);
  };
  for (const event of ['move', 'resize', 'maximize', 'unmaximize'] as const) window.on(event, later);
  window.on('close', save);
}
