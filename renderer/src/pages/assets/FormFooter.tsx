import { FormError } from '../../components/FormError.js';
import type { ActionState } from '../../components/use-action.js';

interface FormFooterProps {
  /** What the form saves, e.g. "asset". */
  what: string;
  editing: boolean;
  saving: ActionState;
  onCancel: () => void;
  /** Loads the current version of the record being edited after a conflict. */
  onReload: (() => void) | undefined;
}

/**
 * The end of the site and asset forms: the engine's refusal, and Save or Register. A save refused
 * because someone else changed the record first (409 VERSION_CONFLICT) keeps the trader's input
 * in the form, and Reload replaces it with the current record to edit again.
 */
export function FormFooter({ what, editing, saving, onCancel, onReload }: FormFooterProps) {
  const conflict = saving.error?.code === 'VERSION_CONFLICT';
  return (
    <>
      {conflict && onReload && (
        <p className="notice notice--warning" role="alert">
          <span>
            <strong>This {what} was changed by someone else</strong> after you opened it, so your changes were not saved. Reload it to see theirs, then edit again.
          </span>
          <button type="button" className="button button--small" onClick={onReload}>
            Reload {what}
          </button>
        </p>
      )}
      <FormError message={conflict && onReload ? null : saving.formError} />
      <div className="button-row">
        <button type="submit" className="button button--primary" disabled={saving.busy}>
          {editing ? `Save ${what}` : `Register ${what}`}
        </button>
        <button type="button" className="button" onClick={onCancel}>
          Cancel
        </button>
      </div>
    </>
  );
}
