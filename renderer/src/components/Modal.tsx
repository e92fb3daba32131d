import { useEffect, useRef, type ReactNode } from 'react';

/** A modal dialog (the browser's own: focus stays inside, Escape closes it) shown while `open`. */
interface ModalProps {
  open: boolean;
  title: string;
  titleId: string;
  onClose: () => void;
  className?: string;
  children: ReactNode;
}

export function Modal({ open, title, titleId, onClose, className = 'dialog', children }: ModalProps) {
  const dialog = useRef<HTMLDialogElement>(null);
  useEffect(() => {
    const element = dialog.current;
    if (!element) return;
    if (open && !element.open) element.showModal();
    if (!open && element.open) element.close();
  }, [open]);
  return (
    <dialog ref={dialog} className={className} aria-labelledby={titleId} onClose={onClose}>
      <header className="dialog__header">
        <h2 id={titleId}>{title}</h2>
        <button type="button" className="toast__close" aria-label="Close" onClick={onClose}>
          ×
        </button>
      </header>
      {open && children}
    </dialog>
  );
}
