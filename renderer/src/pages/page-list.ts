import { APP_PAGE_LABELS, type AppPage } from '../../../shared/api/ipc.js';

export interface PageEntry {
  page: AppPage;
  label: string;
  path: string;
  /** The second key of its "g …" shortcut. */
  key: string;
  /** What a later version brings to the page, as a sentence; null when it is all here. */
  comingWith: string | null;
}

const entry = (page: AppPage, key: string, comingWith: string | null): PageEntry => ({ page, label: APP_PAGE_LABELS[page], path: `/${page}`, key, comingWith });

/** The terminal's pages in navigation order (the desktop menu's order too): the one list the sidebar, the shortcuts and the help overlay read. */
export const PAGES: readonly PageEntry[] = [
  entry('dashboard', 'd', null),
  entry('market', 'm', null),
  entry('alerts', 'l', null),
  entry('bidding', 'b', null),
  entry('assets', 'a', null),
  entry('analytics', 'y', null),
  entry('profile', 'p', null),
  entry('settings', 's', null),
];

export const pathOf = (page: AppPage): string => PAGES.find((entry) => entry.page === page)?.path ?? '/dashboard';
