import type { AppPage } from '../../../shared/api/ipc.js';

export interface PageEntry {
  page: AppPage;
  label: string;
  path: string;
  /** The second key of its "g …" shortcut. */
  key: string;
  /** Which issue brings the page's content; null when it is here. */
  comingWith: string | null;
}

/** The terminal's pages in navigation order: the one list the sidebar, the shortcuts and the help overlay read. */
export const PAGES: readonly PageEntry[] = [
  { page: 'dashboard', label: 'Dashboard', path: '/dashboard', key: 'd', comingWith: 'live market data' },
  { page: 'market', label: 'Market', path: '/market', key: 'm', comingWith: 'live market data' },
  { page: 'bidding', label: 'Bidding', path: '/bidding', key: 'b', comingWith: 'the trading core' },
  { page: 'assets', label: 'Assets', path: '/assets', key: 'a', comingWith: 'the trading core' },
  { page: 'analytics', label: 'Analytics', path: '/analytics', key: 'y', comingWith: 'analytics and forecasting' },
  { page: 'profile', label: 'Profile', path: '/profile', key: 'p', comingWith: null },
  { page: 'settings', label: 'Settings', path: '/settings', key: 's', comingWith: null },
];

export const pathOf = (page: AppPage): string => PAGES.find((entry) => entry.page === page)?.path ?? '/dashboard';
