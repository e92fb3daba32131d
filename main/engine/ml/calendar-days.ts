import { DELIVERY_YEARS, isDeliveryDate } from '../../../shared/bids/bid-market.js';
import { DAY_MS } from '../../../shared/market/time-zone.js';
import { invalidDay } from './ml-errors.js';

/**
 * A YYYY-MM-DD that names a real calendar day (the schemas check only the shape: 2026-02-30 passes
 * them) in the years bids are made for. Far-off years are refused, not merely absent from the
 * data: past 9999-12-31 the day arithmetic leaves YYYY-MM-DD (+010000-01-01 sorts before every
 * day, so listing days up to it would never end), and a span of millennia would be read day by day.
 */
export function checkedDay(value: string, field: string): string {
  if (!isDeliveryDate(value)) throw invalidDay(field, value, `is not a calendar day from ${String(DELIVERY_YEARS.first)} to ${String(DELIVERY_YEARS.last)}`);
  return value;
}

/** from..to, both real days, in order. */
export function checkedDayRange(from: string, fromField: string, to: string, toField: string): { from: string; to: string } {
  checkedDay(from, fromField);
  checkedDay(to, toField);
  if (from > to) throw invalidDay(toField, to, `is before ${fromField} (${from})`);
  return { from, to };
}

/** How many days from..to (both included) spans, counted without listing them. */
export const dayCount = (from: string, to: string): number => Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / DAY_MS) + 1;
