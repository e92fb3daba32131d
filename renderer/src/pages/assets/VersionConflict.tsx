import type { ApiError } from '../../transport/api-error.js';

/**
 * A save refused because someone else changed the record first (409 VERSION_CONFLICT): the
 * trader's input stays in the form, and Reload replaces it with the current record to edit again.
 */
export function VersionConflict({ error, what, onReload }: { error: ApiError | null; what: string; onReload: () => void }) {
  if (error?.code !== 'VERSION_CONFLICT') return null;
  return (
    <p className="notice notice--warning" role="alert">
      <span>
        <strong>This {what} was changed by someone else</strong> after you opened it, so your changes were not saved. Reload it to see theirs, then edit again.
      </span>
      <button type="button" className="button button--small" onClick={onReload}>
        Reload {what}
      </button>
    </p>
  );
}
