import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { app, BrowserWindow, dialog, ipcMain, Menu, protocol, screen, session, shell } from 'electron';
import electronUpdater from 'electron-updater';
import { IpcChannels } from '../../shared/api/ipc.js';
import { appRoot, defaultRendererDir } from '../engine/app-paths.js';
import { systemClock } from '../engine/clock.js';
import { ConfigError, loadConfig } from '../engine/config/load.js';
import type { Engine } from '../engine/engine.js';
import { listen } from '../engine/listen.js';
import { createLogger } from '../engine/logging/logger.js';
import { StartupError } from '../engine/startup-error.js';
import { APP_HOME, APP_SCHEME } from './app-origin.js';
import { registerDesktopIpc } from './ipc/register-ipc.js';
import { replacesDocument, StreamBridge } from './ipc/stream-bridge.js';
import { openLogFile, type LogFile } from './logging/log-file.js';
import { buildMenuTemplate } from './menu/menu-template.js';
import { contentSecurityPolicy } from './protocol/content-security-policy.js';
import { serveAppRequest } from './protocol/serve-app-request.js';
import { mayGrantPermission, mayNavigate, mayOpenExternally, secureWebPreferences } from './security.js';
import { closeWithin, SHUTDOWN_TIMEOUT_MS } from './shutdown.js';
import { UpdateService } from './updates/update-service.js';
import { updateStatusText } from './updates/update-status-text.js';
import { initialWindowState, MIN_SIZE } from './window/window-bounds.js';
import { loadWindowState, trackWindowState, windowStateFile } from './window/window-state-file.js';

/**
 * Electron main process: the glue between Electron and the modules beside this file, which
 * hold every decision and run (and are tested) under plain Node. It hosts the engine, serves
 * the built renderer at app://optibid/ and opens one hardened window onto it.
 */

// Before 'ready': every renderer sandboxed whatever its options, and app:// behaving like
// https (standard URLs, secure context, fetch).
app.enableSandbox();
protocol.registerSchemesAsPrivileged([{ scheme: APP_SCHEME, privileges: { standard: true, secure: true, supportFetchAPI: true } }]);

const PRELOAD = join(appRoot, 'dist', 'preload', 'index.cjs');
const ICON = join(appRoot, 'resources', 'build', 'icon.png');

interface Running {
  engine: Engine;
  stream: StreamBridge;
  updates: UpdateService;
  logFile: LogFile;
}
let running: Running | null = null;
let window: BrowserWindow | null = null;

/** Pushes a message to the page (update status, menu command), if there is one. */
function toPage(channel: string, payload: unknown): void {
  if (window && !window.isDestroyed()) window.webContents.send(channel, payload);
}

/** Every permission the page may ask for is decided by one rule; devices (HID, serial, USB) are never granted. */
function lockDownSession(): void {
  const ses = session.defaultSession;
  ses.setPermissionRequestHandler((_contents, permission, callback, details) => callback(mayGrantPermission(permission, details.requestingUrl)));
  ses.setPermissionCheckHandler((_contents, permission, requestingOrigin) => mayGrantPermission(permission, requestingOrigin));
  ses.setDevicePermissionHandler(() => false);
}

function createWindow({ stream, updates, engine }: Running): BrowserWindow {
  const stateFile = windowStateFile(app.getPath('userData'));
  const { bounds, maximized } = initialWindowState(
    loadWindowState(stateFile),
    screen.getAllDisplays().map((display) => display.workArea),
    screen.getPrimaryDisplay().workArea,
  );
  const created = new BrowserWindow({
    ...bounds,
    minWidth: MIN_SIZE.width,
    minHeight: MIN_SIZE.height,
    backgroundColor: '#0b0f14',
    show: false,
    title: 'OptiBid Terminal',
    icon: ICON,
    webPreferences: secureWebPreferences(PRELOAD),
  });
  if (maximized) created.maximize();
  trackWindowState(created, stateFile, (error) => engine.logger.warn({ err: error }, 'The window state could not be saved'));

  const contents = created.webContents;
  const contentsId = contents.id;
  contents.on('will-navigate', (event) => {
    if (!mayNavigate(event.url)) event.preventDefault();
  });
  contents.on('will-redirect', (event) => {
    if (!mayNavigate(event.url)) event.preventDefault();
  });
  contents.on('will-attach-webview', (event) => event.preventDefault());
  contents.setWindowOpenHandler(({ url }) => {
    if (mayOpenExternally(url)) void shell.openExternal(url);
    return { action: 'deny' };
  });
  // A reload gives the page a new document (and a new preload): its stream session starts over.
  contents.on('did-start-navigation', (details) => {
    if (replacesDocument(details)) stream.reset(contentsId);
  });
  // The page hears the current update status as soon as it has loaded.
  contents.on('did-finish-load', () => contents.send(IpcChannels.updateStatus, updates.status));

  created.once('ready-to-show', () => created.show());
  created.loadURL(APP_HOME).catch((error: unknown) => {
    dialog.showErrorBox('OptiBid Terminal cannot show its window', error instanceof Error ? error.message : String(error));
  });
  return created;
}

/** Opens the log folder in the system's file manager. */
async function openLogs(logFile: LogFile): Promise<void> {
  const problem = await shell.openPath(logFile.dir);
  if (problem) throw new Error(`The log folder ${logFile.dir} could not be opened: ${problem}`);
}

function setApplicationMenu({ updates, logFile }: Running): void {
  const template = buildMenuTemplate(
    { platform: process.platform, developer: !app.isPackaged },
    {
      send: (command) => toPage(IpcChannels.menuCommand, command),
      openLogs: () => void openLogs(logFile).catch((error: unknown) => dialog.showErrorBox('Open Logs', error instanceof Error ? error.message : String(error))),
      checkForUpdates: () =>
        void updates.check().then((status) => {
          const options = { type: 'info' as const, title: 'Check for Updates', message: updateStatusText(status, app.getVersion()) };
          return window ? dialog.showMessageBox(window, options) : dialog.showMessageBox(options);
        }),
    },
  );
  Menu.setApplicationMenu(Menu.buildFromTemplate(template));
}

async function start(): Promise<void> {
  const logFile = openLogFile(join(app.getPath('userData'), 'logs'));
  try {
    if (!existsSync(join(defaultRendererDir, 'index.html'))) {
      throw new StartupError(`The renderer is not built (${defaultRendererDir}); run npm run build, or npm start which builds first`);
    }
    // The engine serves no pages here (they come over app://): its API is for other tools.
    const config = loadConfig(process.env);
    const logger = createLogger(config.logLevel, logFile.destination);
    const { engine, url } = await listen(config, { logger });
    const csp = contentSecurityPolicy(url);
    protocol.handle(APP_SCHEME, (request) => serveAppRequest(request, defaultRendererDir, csp));
    lockDownSession();

    const stream = new StreamBridge((send) => engine.openStream(send), logger);
    const updates = new UpdateService({
      feedUrl: config.updateFeedUrl,
      isPackaged: app.isPackaged,
      // electron-updater's platform updater (AppImage, deb, NSIS, mac), loaded only when updates are on.
      createUpdater: () => electronUpdater.autoUpdater,
      publish: (status) => toPage(IpcChannels.updateStatus, status),
      logger: logger.child({ component: 'updater' }),
      clock: systemClock,
    });
    running = { engine, stream, updates, logFile };
    registerDesktopIpc(ipcMain, {
      engineApp: engine.app,
      stream,
      appVersion: () => app.getVersion(),
      updates,
      openLogs: () => openLogs(logFile),
      logger,
    });
    setApplicationMenu(running);
    window = createWindow(running);
    updates.start();
    logger.info({ url, version: app.getVersion(), logs: logFile.path }, 'OptiBid Terminal started');
  } catch (error) {
    const detail = error instanceof ConfigError ? error.problems.join('\n') : error instanceof Error ? error.message : String(error);
    dialog.showErrorBox('OptiBid Terminal cannot start', detail);
    logFile.flush();
    app.exit(1);
  }
}

if (!app.requestSingleInstanceLock()) {
  app.quit();
} else {
  app.setAboutPanelOptions({ applicationName: 'OptiBid Terminal', applicationVersion: app.getVersion(), copyright: 'Copyright © 2026 OptiBid' });
  if (process.platform === 'win32') app.setAppUserModelId('energy.optibid.terminal');
  app.on('second-instance', () => {
    if (window?.isMinimized()) window.restore();
    window?.focus();
  });
  app.on('window-all-closed', () => app.quit());
  // SIGINT/SIGTERM (a terminal, a service manager) quit through the same path as the menu.
  for (const signal of ['SIGINT', 'SIGTERM'] as const) process.once(signal, () => app.quit());
  // Quitting waits for the engine, but not for ever (see closeWithin); then quits for real.
  app.on('will-quit', (event) => {
    if (!running) return;
    const closing = running;
    running = null;
    event.preventDefault();
    closing.updates.stop();
    closing.stream.closeAll();
    void closeWithin(() => closing.engine.close(), SHUTDOWN_TIMEOUT_MS, closing.engine.logger).then(() => {
      closing.logFile.flush();
      app.quit();
    });
  });
  void app.whenReady().then(start);
}
