import { useCallback, useState } from 'react';
import { ApiError, messageOf } from '../transport/api-error.js';

export interface ActionState {
  busy: boolean;
  error: ApiError | null;
  /** The engine's message for a field (e.g. "body.email"), if it named one. */
  fieldError: (field: string) => string | null;
  /** A message for the form as a whole, when no field was named. */
  formError: string | null;
}

/** Runs a form's action, tracks whether it is busy (forms disable their buttons meanwhile) and keeps the engine's error for display. */
export function useAction<A extends unknown[]>(action: (...args: A) => Promise<void>): [(...args: A) => void, ActionState] {
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<ApiError | null>(null);
  const run = useCallback(
    (...args: A) => {
      setBusy(true);
      setError(null);
      action(...args)
        .catch((caught: unknown) => setError(caught instanceof ApiError ? caught : new ApiError(messageOf(caught), 'UNEXPECTED', null)))
        .finally(() => setBusy(false));
    },
    [action],
  );
  const fieldError = (field: string): string | null => error?.fieldMessage(field) ?? null;
  const formError = error && !(Array.isArray(error.details) && error.details.length > 0) ? error.message : error ? 'Check the fields marked below.' : null;
  return [run, { busy, error, fieldError, formError }];
}
