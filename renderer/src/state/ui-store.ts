import { create } from 'zustand';

interface UiState {
  helpOpen: boolean;
  /** Bumped to ask the header's search box to take focus (from a shortcut or the menu). */
  searchFocusRequest: number;
  setHelpOpen: (open: boolean) => void;
  focusSearch: () => void;
}

export const useUi = create<UiState>()((set, get) => ({
  helpOpen: false,
  searchFocusRequest: 0,
  setHelpOpen: (helpOpen) => set({ helpOpen }),
  focusSearch: () => set({ searchFocusRequest: get().searchFocusRequest + 1 }),
}));
