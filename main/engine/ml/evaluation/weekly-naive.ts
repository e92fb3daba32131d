import { dayValues, HOURS_PER_DAY } from '../daily-series.js';

/** Days in a week: the weekly naive forecast copies the day this many days before. */
export const WEEKLY_NAIVE_LAG_DAYS = 7;

/**
 * The weekly naive forecast of the target days (indexes into day-major `prices`): each hour's
 * price 168 hours before, the reference the epftoolbox tables give rMAE against.
 */
export function weeklyNaive(prices: Float64Array, targets: readonly number[]): Float64Array {
  const forecasts = new Float64Array(targets.length * HOURS_PER_DAY);
  targets.forEach((target, i) => {
    if (target < WEEKLY_NAIVE_LAG_DAYS) throw new RangeError(`the weekly naive forecast of day ${String(target)} needs the day a week before it`);
    forecasts.set(dayValues(prices, target - WEEKLY_NAIVE_LAG_DAYS), i * HOURS_PER_DAY);
  });
  return forecasts;
}
