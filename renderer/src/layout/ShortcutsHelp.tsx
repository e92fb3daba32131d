import { useEffect, useRef } from 'react';
import { PAGES } from '../pages/page-list.js';
import { useUi } from '../state/ui-store.js';
import { SHORTCUTS } from './shortcuts.js';

/** The keyboard shortcuts, listed where the trader can find them ("?"). */
export function ShortcutsHelp() {
  const open = useUi((state) => state.helpOpen);
  const setOpen = useUi((state) => state.setHelpOpen);
  const dialog = useRef<HTMLDialogElement>(null);
  useEffect(() => {
    const element = dialog.current;
    if (!element) return;
    if (open && !element.open) element.showModal();
    if (!open && element.open) element.close();
  }, [open]);

  return (
    <dialog ref={dialog} className="dialog" aria-labelledby="shortcuts-title" onClose={() => setOpen(false)}>
      <header className="dialog__header">
        <h2 id="shortcuts-title">Keyboard shortcuts</h2>
        <button type="button" className="toast__close" aria-label="Close" onClick={() => setOpen(false)}>
          ×
        </button>
      </header>
      <table className="grid shortcuts">
        <tbody>
          {SHORTCUTS.map((shortcut) => (
            <tr key={shortcut.keys}>
              <td>
                {shortcut.keys.split(' ').map((key, index) => (
                  <kbd key={`${key}-${String(index)}`}>{key}</kbd>
                ))}
              </td>
              <td>{shortcut.label}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <p className="muted">Shortcuts wait while you type in a field. In the desktop app, the Go menu also offers Ctrl/Cmd + 1…{PAGES.length}.</p>
    </dialog>
  );
}
