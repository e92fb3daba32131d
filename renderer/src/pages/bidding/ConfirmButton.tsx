import { useState } from 'react';

/** An action that cannot be undone: the first press asks, the second does it (Escape or leaving the button asks again). */
export function ConfirmButton({ label, confirmLabel, onConfirm, disabled, danger = false }: { label: string; confirmLabel: string; onConfirm: () => void; disabled: boolean; danger?: boolean }) {
  const [asking, setAsking] = useState(false);
  return (
    <button
      type="button"
      className={asking || danger ? 'button button--danger' : 'button'}
      disabled={disabled}
      onBlur={() => setAsking(false)}
      onKeyDown={(event) => {
        if (event.key === 'Escape') setAsking(false);
      }}
      onClick={() => {
        setAsking(!asking);
        if (asking) onConfirm();
      }}
    >
      {asking ? confirmLabel : label}
    </button>
  );
}
