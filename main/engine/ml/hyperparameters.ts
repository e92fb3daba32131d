import type { TObject } from '@sinclair/typebox';
import { Value } from '@sinclair/typebox/value';
import { AppError } from '../http/app-error.js';

/**
 * Hyperparameters checked against the kind's TypeBox schema, with what was left out taken from
 * its defaults: what a job trains with and the model keeps. `field` names where they came from.
 */
export function checkedHyperparameters(schema: TObject, given: Record<string, unknown>, field: string): Record<string, unknown> {
  const value: unknown = Value.Default(schema, Value.Clone(given));
  if (Value.Check(schema, value)) return value;
  const details = [...Value.Errors(schema, value)].map((error) => ({ field: `${field}${error.path.replace(/\//g, '.')}`, message: error.message, value: error.value }));
  throw new AppError('validation_error', 'INVALID_HYPERPARAMETERS', `Invalid hyperparameters: ${details.map((d) => `${d.field} ${d.message}`).join('; ')}`, details);
}
