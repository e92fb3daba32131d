import { APP_PAGE_LABELS, APP_PAGES, type MenuCommand } from '../../../shared/api/ipc.js';

/** One command of the application menu, with its label and shortcut (Electron accelerator syntax). */
export interface MenuShortcut {
  label: string;
  accelerator: string;
  /** A second key for the same command, where there is one. */
  alternative?: string;
  command: MenuCommand;
}

/** Go to page n with CmdOrCtrl+n, in the navigation's order. */
export const PAGE_SHORTCUTS: readonly MenuShortcut[] = APP_PAGES.map((page, index) => ({
  label: APP_PAGE_LABELS[page],
  accelerator: `CmdOrCtrl+${index + 1}`,
  command: { type: 'navigate', page },
}));

export const NEW_BID: MenuShortcut = { label: 'New Bid', accelerator: 'CmdOrCtrl+N', command: { type: 'new-bid' } };
export const FIND: MenuShortcut = { label: 'Find…', accelerator: 'CmdOrCtrl+K', command: { type: 'focus-search' } };
export const SHOW_SHORTCUTS: MenuShortcut = { label: 'Keyboard Shortcuts', accelerator: 'CmdOrCtrl+/', alternative: 'F1', command: { type: 'show-shortcuts' } };

/**
 * Every command the menu sends to the page, in one list (its test checks that no key is bound
 * twice). They are Ctrl/Cmd chords, which the page's own single-key shortcuts never use, so a
 * key press never runs an action twice.
 */
export const MENU_SHORTCUTS: readonly MenuShortcut[] = [...PAGE_SHORTCUTS, NEW_BID, FIND, SHOW_SHORTCUTS];
