import { EventEmitter } from 'node:events';
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { tempDir, type TempDir } from '../../testing/environment.js';
import type { Rect } from './window-bounds.js';
import { loadWindowState, saveWindowState, trackWindowState, windowStateFile, type TrackedWindow } from './window-state-file.js';

/** A window as the tracker sees a BrowserWindow: bounds, maximised flag and its events. */
class Window extends EventEmitter implements TrackedWindow {
  bounds: Rect = { x: 100, y: 100, width: 1440, height: 900 };
  maximized = false;
  getNormalBounds(): Rect {
    return this.bounds;
  }
  isMaximized(): boolean {
    return this.maximized;
  }
}

const pause = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

describe('the window-state file in userData', () => {
  let dir: TempDir;
  let file: string;
  beforeEach(async () => {
    dir = await tempDir();
    file = windowStateFile(dir.path);
  });
  afterEach(() => dir.remove());

  it('round-trips a state, and reads nothing from a missing, corrupt or foreign file', async () => {
    expect(loadWindowState(file)).toBeNull();
    saveWindowState(file, { bounds: { x: -10, y: 20, width: 1500, height: 950 }, maximized: true });
    expect(loadWindowState(file)).toEqual({ bounds: { x: -10, y: 20, width: 1500, height: 950 }, maximized: true });
    await writeFile(file, '{"bounds":');
    expect(loadWindowState(file)).toBeNull();
    await writeFile(file, '{"width":1440}');
    expect(loadWindowState(file)).toBeNull();
  });

  it('saves once after moving and resizing settle, and at once on close', async () => {
    const window = new Window();
    const errors: unknown[] = [];
    trackWindowState(window, file, (error) => errors.push(error), 60);
    for (let x = 100; x < 200; x += 10) {
      window.bounds = { ...window.bounds, x };
      window.emit('move');
    }
    window.emit('resize');
    await pause(20);
    expect(loadWindowState(file)).toBeNull();
    await pause(100);
    expect(loadWindowState(file)).toEqual({ bounds: { x: 190, y: 100, width: 1440, height: 900 }, maximized: false });

    window.maximized = true;
    window.emit('maximize');
    window.emit('close');
    expect(loadWindowState(file)).toEqual({ bounds: { x: 190, y: 100, width: 1440, height: 900 }, maximized: true });
    // The close wrote the final state; the save still pending from 'maximize' must not overwrite it.
    window.bounds = { x: 0, y: 0, width: 1, height: 1 };
    await pause(100);
    expect(JSON.parse(await readFile(file, 'utf8'))).toEqual({ bounds: { x: 190, y: 100, width: 1440, height: 900 }, maximized: true });
    expect(errors).toEqual([]);
  });

  it('reports a failed save instead of throwing out of the window’s event', () => {
    const window = new Window();
    const errors: unknown[] = [];
    trackWindowState(window, join(dir.path, 'no-such-folder', 'window-state.json'), (error) => errors.push(error), 60);
    expect(() => window.emit('close')).not.toThrow();
    expect(errors).toHaveLength(1);
  });
});
