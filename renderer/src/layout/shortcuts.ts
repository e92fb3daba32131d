import { PAGES } from '../pages/page-list.js';

export type ShortcutAction = { type: 'navigate'; path: string } | { type: 'focus-search' } | { type: 'new-bid' } | { type: 'show-shortcuts' } | { type: 'close-overlay' };

export interface Shortcut {
  /** Keys as typed, space-separated for a sequence: "g d". */
  keys: string;
  label: string;
  action: ShortcutAction;
}

/**
 * Single keys and "g" sequences, as in mail and code-review tools: they never collide with the
 * browser's own Ctrl/Cmd shortcuts (Ctrl+1..9, Ctrl+N and Ctrl+T cannot be taken from Chromium
 * in browser mode), and they are ignored while typing in a field. The desktop menu adds
 * Ctrl/Cmd accelerators for the same actions.
 */
export const SHORTCUTS: readonly Shortcut[] = [
  ...PAGES.map((entry): Shortcut => ({ keys: `g ${entry.key}`, label: `Go to ${entry.label}`, action: { type: 'navigate', path: entry.path } })),
  { keys: '/', label: 'Focus search', action: { type: 'focus-search' } },
  { keys: 'n', label: 'New bid', action: { type: 'new-bid' } },
  { keys: '?', label: 'Show keyboard shortcuts', action: { type: 'show-shortcuts' } },
  { keys: 'Escape', label: 'Close this overlay', action: { type: 'close-overlay' } },
];

/** How long after "g" the second key still counts. */
export const SEQUENCE_MS = 1200;

/**
 * Matches key presses against the table. `pending` is the first key of a sequence typed
 * within SEQUENCE_MS; returns the action, or what to remember for the next key.
 */
export function matchShortcut(key: string, pending: string | null): { action: ShortcutAction | null; pending: string | null } {
  const typed = pending ? `${pending} ${key}` : key;
  const exact = SHORTCUTS.find((shortcut) => shortcut.keys === typed);
  if (exact) return { action: exact.action, pending: null };
  const starts = SHORTCUTS.some((shortcut) => shortcut.keys.startsWith(`${key} `));
  return { action: null, pending: starts ? key : null };
}

/** Whether the key press belongs to a text field (or a modifier chord), so shortcuts must leave it alone. */
export function isTyping(event: KeyboardEvent): boolean {
  if (event.ctrlKey || event.metaKey || event.altKey) return true;
  const target = event.target;
  if (!(target instanceof HTMLElement)) return false;
  return target.isContentEditable || ['INPUT', 'TEXTAREA', 'SELECT'].includes(target.tagName);
}
