import { useCallback, useEffect } from 'react';
import { useNavigate } from 'react-router';
import type { MenuCommand } from '../../../shared/api/ipc.js';
import { pathOf } from '../pages/page-list.js';
import { useUi } from '../state/ui-store.js';
import { isTyping, matchShortcut, SEQUENCE_MS, type ShortcutAction } from './shortcuts.js';

/** Runs an action of a shortcut or of the desktop menu: both lead here. */
export function useShortcutActions(): (action: ShortcutAction) => void {
  const navigate = useNavigate();
  return useCallback((action: ShortcutAction) => {
    const { setHelpOpen, focusSearch } = useUi.getState();
    switch (action.type) {
      case 'navigate':
        void navigate(action.path);
        return;
      case 'focus-search':
        focusSearch();
        return;
      case 'new-bid':
        void navigate('/bidding?new=1');
        return;
      case 'show-shortcuts':
        setHelpOpen(true);
        return;
      case 'close-overlay':
        setHelpOpen(false);
        return;
    }
  }, [navigate]);
}

const fromMenu = (command: MenuCommand): ShortcutAction =>
  command.type === 'navigate' ? { type: 'navigate', path: pathOf(command.page) } : command;

/** Listens for the keyboard shortcuts and, in Electron, for the application menu's commands. */
export function useShortcuts(): void {
  const run = useShortcutActions();
  useEffect(() => {
    let pending: string | null = null;
    let pendingAt = 0;
    const onKey = (event: KeyboardEvent): void => {
      if (event.key !== 'Escape' && isTyping(event)) return;
      const fresh = pending !== null && performance.now() - pendingAt < SEQUENCE_MS ? pending : null;
      const match = matchShortcut(event.key, fresh);
      pending = match.pending;
      pendingAt = performance.now();
      if (!match.action) return;
      event.preventDefault();
      run(match.action);
    };
    window.addEventListener('keydown', onKey);
    const stopMenu = window.optibid?.app.onMenuCommand((command) => run(fromMenu(command)));
    return () => {
      window.removeEventListener('keydown', onKey);
      stopMenu?.();
    };
  }, [run]);
}
