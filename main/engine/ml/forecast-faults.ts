import { QUANTILE_LEVELS, type DayForecast } from '../../../shared/api/ml.js';
import { HOURS_PER_DAY } from './daily-series.js';

const firstNonFinite = (values: readonly number[]): number => values.findIndex((value) => !Number.isFinite(value));

/**
 * What makes a day's forecast unfit to serve or store, or null when it is fit: 24 finite point
 * values, and finite values at each of QUANTILE_LEVELS, in that order, none lower than the level
 * below it (what the API promises of every forecast). A model whose file holds too few band rows
 * or NaN weights gives such a forecast instead of failing, so every forecast is checked where it
 * is made (the worker), before anything reads or stores it.
 */
export function forecastFault({ point, quantiles }: DayForecast): string | null {
  if (point.length !== HOURS_PER_DAY) return `${String(point.length)} hours of point forecast, not ${String(HOURS_PER_DAY)}`;
  const badPoint = firstNonFinite(point);
  if (badPoint >= 0) return `a point forecast of ${String(point[badPoint])} at hour ${String(badPoint)}`;
  const levels = quantiles.map((q) => q.level);
  if (levels.length !== QUANTILE_LEVELS.length || levels.some((level, i) => level !== QUANTILE_LEVELS[i])) return `quantiles at [${levels.join(', ')}], not at [${QUANTILE_LEVELS.join(', ')}]`;
  for (const [i, { level, values }] of quantiles.entries()) {
    if (values.length !== HOURS_PER_DAY) return `${String(values.length)} hours at quantile ${String(level)}, not ${String(HOURS_PER_DAY)}`;
    const bad = firstNonFinite(values);
    if (bad >= 0) return `${String(values[bad])} at quantile ${String(level)}, hour ${String(bad)}`;
    const below = quantiles[i - 1];
    const crossed = below ? values.findIndex((value, h) => value < below.values[h]!) : -1;
    if (below && crossed >= 0) return `quantile ${String(level)} below quantile ${String(below.level)} at hour ${String(crossed)}`;
  }
  return null;
}
