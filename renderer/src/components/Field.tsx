import type { InputHTMLAttributes } from 'react';
import { FieldFrame } from './FieldFrame.js';

interface FieldProps extends Omit<InputHTMLAttributes<HTMLInputElement>, 'id'> {
  label: string;
  /** What is wrong with the value, from the engine's field errors. */
  error?: string | null;
  hint?: string;
}

/** A labelled input with its hint and error, wired for screen readers. */
export function Field({ label, error, hint, ...input }: FieldProps) {
  return (
    <FieldFrame label={label} error={error} hint={hint}>
      {(control) => <input {...control} {...input} />}
    </FieldFrame>
  );
}
