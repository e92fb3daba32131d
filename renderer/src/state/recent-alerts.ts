import { create } from 'zustand';
import type { MarketAlert } from '../../../shared/api/market-data.js';

const KEPT = 20;

interface RecentAlertsState {
  /** Market alerts seen since this window opened, newest first. */
  alerts: MarketAlert[];
  add: (alert: MarketAlert) => void;
}

export const useRecentAlerts = create<RecentAlertsState>()((set, get) => ({
  alerts: [],
  add: (alert) => set({ alerts: [alert, ...get().alerts.filter((seen) => seen.id !== alert.id)].slice(0, KEPT) }),
}));
