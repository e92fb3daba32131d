import type { MenuItemConstructorOptions } from 'electron';
import type { MenuCommand } from '../../../shared/api/ipc.js';
import { FIND, NEW_BID, PAGE_SHORTCUTS, SHOW_SHORTCUTS, type MenuShortcut } from './menu-commands.js';

export interface MenuActions {
  /** Sends a command to the page (over IpcChannels.menuCommand). */
  send(command: MenuCommand): void;
  openLogs(): void;
  checkForUpdates(): void;
}

export interface MenuOptions {
  platform: NodeJS.Platform;
  /** A development run: reload and developer tools (an accidental reload would cost a trader an unsaved bid). */
  developer: boolean;
}

const separator: MenuItemConstructorOptions = { type: 'separator' };

/**
 * The application menu as plain data (Menu.buildFromTemplate turns it into a menu): the
 * platform's usual menus by role, plus Go (the pages) and the terminal's own commands, each
 * of which the page carries out.
 */
export function buildMenuTemplate(options: MenuOptions, actions: MenuActions): MenuItemConstructorOptions[] {
  const mac = options.platform === 'darwin';
  const item = (shortcut: MenuShortcut): MenuItemConstructorOptions => ({
    label: shortcut.label,
    accelerator: shortcut.accelerator,
    click: () => actions.send(shortcut.command),
  });

  const help: MenuItemConstructorOptions[] = [
    item(SHOW_SHORTCUTS),
    // The second key, as a hidden item (menu accelerators take one key each).
    ...(SHOW_SHORTCUTS.alternative ? [{ ...item(SHOW_SHORTCUTS), accelerator: SHOW_SHORTCUTS.alternative, visible: false, acceleratorWorksWhenHidden: true }] : []),
    separator,
    { label: 'Open Logs', click: () => actions.openLogs() },
    { label: 'Check for Updates…', click: () => actions.checkForUpdates() },
    ...(mac ? [] : [separator, { role: 'about' } as const]),
  ];

  return [
    ...(mac ? [{ role: 'appMenu' } as const] : []),
    { label: 'File', submenu: [item(NEW_BID), separator, mac ? { role: 'close' } : { role: 'quit' }] },
    {
      label: 'Edit',
      submenu: [{ role: 'undo' }, { role: 'redo' }, separator, { role: 'cut' }, { role: 'copy' }, { role: 'paste' }, { role: 'selectAll' }, separator, item(FIND)],
    },
    {
      label: 'View',
      submenu: [
        ...(options.developer ? [{ role: 'reload' } as const, { role: 'forceReload' } as const, { role: 'toggleDevTools' } as const, separator] : []),
        { role: 'resetZoom' },
        { role: 'zoomIn' },
        { role: 'zoomOut' },
        separator,
        { role: 'togglefullscreen' },
      ],
    },
    { label: 'Go', submenu: PAGE_SHORTCUTS.map(item) },
    { role: 'windowMenu' },
    { role: 'help', submenu: help },
  ];
}
