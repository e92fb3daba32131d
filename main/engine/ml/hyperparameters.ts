import { Value } from '@sinclair/typebox/value';
import { AppError } from '../http/app-error.js';
import type { RegisteredKind } from './forecaster-kinds.js';

/**
 * Hyperparameters checked against the kind's TypeBox schema and then against each other (what a
 * schema cannot say), with what was left out taken from its defaults: what a job trains with and
 * the model keeps. `field` names where they came from.
 */
export function checkedHyperparameters(kind: Pick<RegisteredKind, 'hyperparameters' | 'conflicts'>, given: Record<string, unknown>, field: string): Record<string, unknown> {
  const value: unknown = Value.Default(kind.hyperparameters, Value.Clone(given));
  const details = Value.Check(kind.hyperparameters, value)
    ? (kind.conflicts?.(value) ?? []).map((conflict) => ({ field: `${field}.${conflict.name}`, message: conflict.message, value: value[conflict.name] }))
    : [...Value.Errors(kind.hyperparameters, value)].map((error) => ({ field: `${field}${error.path.replace(/\//g, '.')}`, message: error.message, value: error.value }));
  if (details.length === 0) return value as Record<string, unknown>;
  throw new AppError('validation_error', 'INVALID_HYPERPARAMETERS', `Invalid hyperparameters: ${details.map((d) => `${d.field} ${d.message}`).join('; ')}`, details);
}
