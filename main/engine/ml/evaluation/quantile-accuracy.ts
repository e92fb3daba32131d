import { QUANTILE_LEVELS, type DayForecast, type QuantileAccuracy } from '../../../../shared/api/ml.js';
import { HOURS_PER_DAY } from '../daily-series.js';

/**
 * How far a model's quantiles can be trusted, over the same days as its point metrics: the
 * pinball (quantile) loss averaged over the levels, and for each central band of those levels
 * (0.05-0.95, 0.1-0.9, 0.25-0.75) the share of actual prices that fell inside it. A band that
 * holds far fewer prices than its nominal share is too narrow to size risk with.
 */

/** The pinball loss of one quantile forecast at `level`: (level − 1{y < q}) · (y − q), averaged. */
export function pinballLoss(actual: ArrayLike<number>, quantile: ArrayLike<number>, level: number): number {
  if (actual.length !== quantile.length || actual.length === 0) throw new RangeError(`${String(actual.length)} actual prices against ${String(quantile.length)} quantiles`);
  let sum = 0;
  for (let i = 0; i < actual.length; i++) {
    const error = actual[i]! - quantile[i]!;
    sum += error >= 0 ? level * error : (level - 1) * error;
  }
  return sum / actual.length;
}

/** The share of actual values inside [lower, upper] (bounds included). */
export function intervalCoverage(actual: ArrayLike<number>, lower: ArrayLike<number>, upper: ArrayLike<number>): number {
  if (actual.length !== lower.length || actual.length !== upper.length || actual.length === 0) throw new RangeError('actual prices and bounds differ in length');
  let inside = 0;
  for (let i = 0; i < actual.length; i++) if (actual[i]! >= lower[i]! && actual[i]! <= upper[i]!) inside += 1;
  return inside / actual.length;
}

/** Each day's quantile at `level`, one day after the other; null when a day has none at it. */
function quantileOf(forecasts: readonly DayForecast[], level: number): Float64Array | null {
  const values = new Float64Array(forecasts.length * HOURS_PER_DAY);
  for (const [i, forecast] of forecasts.entries()) {
    const found = forecast.quantiles.find((q) => q.level === level);
    if (!found) return null;
    values.set(found.values, i * HOURS_PER_DAY);
  }
  return values;
}

/** The quantile accuracy of forecasts of consecutive days against their actual prices; null when they do not carry every level of QUANTILE_LEVELS. */
export function quantileAccuracy(actual: Float64Array, forecasts: readonly DayForecast[]): QuantileAccuracy | null {
  const byLevel = new Map<number, Float64Array>();
  for (const level of QUANTILE_LEVELS) {
    const values = quantileOf(forecasts, level);
    if (!values) return null;
    byLevel.set(level, values);
  }
  const pinball = QUANTILE_LEVELS.reduce((sum, level) => sum + pinballLoss(actual, byLevel.get(level)!, level), 0) / QUANTILE_LEVELS.length;
  const bands = QUANTILE_LEVELS.flatMap((lower) => {
    const upper = QUANTILE_LEVELS.find((level) => lower < 0.5 && Math.abs(level - (1 - lower)) < 1e-9);
    if (upper === undefined) return [];
    // Rounded: 0.95 − 0.05 is 0.8999… in binary.
    return [{ lower, upper, nominal: Math.round((upper - lower) * 1e6) / 1e6, observed: intervalCoverage(actual, byLevel.get(lower)!, byLevel.get(upper)!) }];
  });
  return { pinball, bands };
}
