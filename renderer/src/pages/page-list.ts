import { APP_PAGE_LABELS, type AppPage } from '../../../shared/api/ipc.js';

export interface PageEntry {
  page: AppPage;
  label: string;
  path: string;
  /** The second key of its "g …" shortcut. */
  key: string;
}

const entry = (page: AppPage, key: string): PageEntry => ({ page, label: APP_PAGE_LABELS[page], path: `/${page}`, key });

/** The terminal's pages in navigation order (the desktop menu's order too): the one list the sidebar, the shortcuts and the help overlay read. */
export const PAGES: readonly PageEntry[] = [
  entry('dashboard', 'd'),
  entry('market', 'm'),
  entry('alerts', 'l'),
  entry('bidding', 'b'),
  entry('assets', 'a'),
  entry('analytics', 'y'),
  entry('profile', 'p'),
  entry('settings', 's'),
];

export const pathOf = (page: AppPage): string => PAGES.find((entry) => entry.page === page)?.path ?? '/dashboard';
