import { join } from 'node:path';
import { app, BrowserWindow, dialog, shell } from 'electron';
import { appRoot, defaultRendererDir } from '../engine/app-paths.js';
import { ConfigError, loadConfig } from '../engine/config/load.js';
import type { Engine } from '../engine/engine.js';
import { listen } from '../engine/listen.js';
import { mayNavigate, mayOpenExternally, secureWebPreferences } from './security.js';

/**
 * Electron main process: hosts the engine and one window per terminal. The engine serves
 * the renderer on a loopback port chosen at start; the window is locked to that origin.
 * (The desktop-app issue moves the renderer to an app:// protocol with IPC transport.)
 */
const PRELOAD = join(appRoot, 'dist', 'preload', 'index.cjs');
let engine: Engine | null = null;
let window: BrowserWindow | null = null;

function createWindow(url: string): BrowserWindow {
  const created = new BrowserWindow({
    width: 1440,
    height: 900,
    minWidth: 1024,
    minHeight: 640,
    backgroundColor: '#0b0f14',
    show: false,
    title: 'OptiBid Terminal',
    icon: join(appRoot, 'resources', 'build', 'icon.png'),
    webPreferences: secureWebPreferences(PRELOAD),
  });
  created.webContents.on('will-navigate', (event, target) => {
    if (!mayNavigate(target)) event.preventDefault();
  });
  created.webContents.setWindowOpenHandler(({ url: target }) => {
    if (mayOpenExternally(target)) void shell.openExternal(target);
    return { action: 'deny' };
  });
  created.webContents.session.setPermissionRequestHandler((_contents, _permission, callback) => callback(false));
  created.once('ready-to-show', () => created.show());
  created.loadURL(url).catch((error: unknown) => {
    dialog.showErrorBox('OptiBid Terminal cannot show its window', error instanceof Error ? error.message : String(error));
  });
  return created;
}

async function start(): Promise<void> {
  try {
    const started = await listen(loadConfig(process.env, { port: 0, rendererDir: defaultRendererDir }));
    engine = started.engine;
    window = createWindow(started.url);
  } catch (error) {
    const detail = error instanceof ConfigError ? error.problems.join('\n') : error instanceof Error ? error.message : String(error);
    dialog.showErrorBox('OptiBid Terminal cannot start', detail);
    app.exit(1);
  }
}

if (!app.requestSingleInstanceLock()) {
  app.quit();
} else {
  app.on('second-instance', () => {
    if (window?.isMinimized()) window.restore();
    window?.focus();
  });
  app.on('window-all-closed', () => app.quit());
  // SIGINT/SIGTERM (a terminal, a service manager) quit through the same path as the menu.
  for (const signal of ['SIGINT', 'SIGTERM'] as const) process.once(signal, () => app.quit());
  app.on('will-quit', (event) => {
    if (!engine) return;
    const closing = engine;
    engine = null;
    event.preventDefault();
    void closing.close().finally(() => app.quit());
  });
  void app.whenReady().then(start);
}
