import { Modal } from '../components/Modal.js';
import { PAGES } from '../pages/page-list.js';
import { useUi } from '../state/ui-store.js';
import { SHORTCUTS } from './shortcuts.js';

/** The keyboard shortcuts, listed where the trader can find them ("?"). */
export function ShortcutsHelp() {
  const open = useUi((state) => state.helpOpen);
  const setOpen = useUi((state) => state.setHelpOpen);

  return (
    <Modal open={open} title="Keyboard shortcuts" titleId="shortcuts-title" onClose={() => setOpen(false)}>
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
    </Modal>
  );
}
