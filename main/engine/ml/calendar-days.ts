import { invalidDay } from './ml-errors.js';

/** A YYYY-MM-DD that names a real calendar day (the schemas check only the shape: 2026-02-30 passes them). */
export function checkedDay(value: string, field: string): string {
  const parsed = Date.parse(`${value}T00:00:00Z`);
  if (Number.isNaN(parsed) || new Date(parsed).toISOString().slice(0, 10) !== value) throw invalidDay(field, value, 'is not a calendar day');
  return value;
}

/** from..to, both real days, in order. */
export function checkedDayRange(from: string, fromField: string, to: string, toField: string): { from: string; to: string } {
  checkedDay(from, fromField);
  checkedDay(to, toField);
  if (from > to) throw invalidDay(toField, to, `is before ${fromField} (${from})`);
  return { from, to };
}
