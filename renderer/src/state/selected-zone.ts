import { create } from 'zustand';

const STORAGE_KEY = 'optibid.selectedZone';
const DEFAULT_ZONE = 'DE_LU';

interface SelectedZoneState {
  /** The zone the Dashboard's chart and the Market page follow; kept across restarts on this terminal. */
  zoneId: string;
  select: (zoneId: string) => void;
}

export const useSelectedZone = create<SelectedZoneState>()((set) => ({
  zoneId: localStorage.getItem(STORAGE_KEY) ?? DEFAULT_ZONE,
  select: (zoneId) => {
    localStorage.setItem(STORAGE_KEY, zoneId);
    set({ zoneId });
  },
}));
