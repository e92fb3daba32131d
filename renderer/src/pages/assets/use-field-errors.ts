import { useState } from 'react';

export interface FieldErrors {
  /** The message to show beside a field: the form's own problem once the field was touched (or a save attempted), else the engine's. */
  error: (field: string) => string | null;
  touch: (field: string) => void;
  /** Marks a save attempt, so every problem shows; true when there is none and the form may be sent. */
  attempt: () => boolean;
}

/** When a form's problems show: a field's own once it has been typed in, all of them once the trader tries to save. */
export function useFieldErrors(problems: Readonly<Record<string, string>>, engineError: (field: string) => string | null): FieldErrors {
  const [touched, setTouched] = useState<ReadonlySet<string>>(new Set());
  const [attempted, setAttempted] = useState(false);
  return {
    error: (field) => ((attempted || touched.has(field)) && problems[field]) || engineError(field),
    touch: (field) => setTouched((current) => new Set(current).add(field)),
    attempt: () => {
      setAttempted(true);
      return Object.keys(problems).length === 0;
    },
  };
}
