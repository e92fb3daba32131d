import { sampleQuantile } from '../../../../shared/analytics/quantiles.js';
import { QUANTILE_LEVELS, type DayForecast } from '../../../../shared/api/ml.js';
import { HOURS_PER_DAY } from '../daily-series.js';

/**
 * Quantiles for a point forecaster from its own recent errors: for each hour, the empirical
 * quantiles of (actual − forecast) over the days it was checked on, added to the point forecast.
 * Levels are those of QUANTILE_LEVELS; each hour's offsets are sorted, so bands never cross.
 */

/** Offsets [level][hour] from residuals laid out day after day (residuals[d * 24 + h]). */
export function residualOffsets(residuals: ArrayLike<number>): number[][] {
  const days = Math.floor(residuals.length / HOURS_PER_DAY);
  if (days === 0) throw new RangeError('quantiles need the errors of at least one day');
  const byHour = Array.from({ length: HOURS_PER_DAY }, (_, h) =>
    Array.from({ length: days }, (_, d) => residuals[d * HOURS_PER_DAY + h]!).sort((x, y) => x - y),
  );
  return QUANTILE_LEVELS.map((level) => byHour.map((sorted) => sampleQuantile(sorted, level)));
}

/** A point forecast with bands at QUANTILE_LEVELS from offsets made by residualOffsets. */
export const withResidualQuantiles = (point: readonly number[], offsets: readonly (readonly number[])[]): DayForecast => ({
  point: [...point],
  quantiles: QUANTILE_LEVELS.map((level, i) => ({ level, values: point.map((p, h) => p + offsets[i]![h]!) })),
});
