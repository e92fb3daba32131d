import { HOURS_PER_DAY, weekdayOf, type DailySeries } from '../../daily-series.js';

/**
 * LEAR's inputs for one delivery day D, in the column order of epftoolbox's
 * `LEAR._build_and_split_XYs` (the order matters: coordinate descent visits columns in it):
 *   for each hour h: the prices of h on D-1, D-2, D-3, D-7                      (96 columns)
 *   for each hour h: each exogenous series at h on D-1, then each on D-7, then each on D
 *                                                                              (72 per series)
 *   7 weekday dummies, Monday … Sunday, 1 for D's weekday                      (the last 7)
 * Exogenous series are day-ahead forecasts, so D's own values are known when D is forecast.
 */

const PRICE_LAGS = [1, 2, 3, 7] as const;
const EXOGENOUS_LAGS = [1, 7] as const;
export const WEEKDAY_DUMMIES = 7;
/** The furthest day back a row reads: D-7. */
export const LEAR_LOOKBACK_DAYS = 7;

export const learFeatureCount = (exogenousCount: number): number =>
  HOURS_PER_DAY * PRICE_LAGS.length + HOURS_PER_DAY * (EXOGENOUS_LAGS.length + 1) * exogenousCount + WEEKDAY_DUMMIES;

/** Writes day `day`'s row into `out` from offset `at` (learFeatureCount values). */
export function writeLearFeatures(series: DailySeries, day: number, out: Float64Array, at = 0): void {
  if (day < LEAR_LOOKBACK_DAYS) throw new RangeError(`LEAR's features of day ${String(day)} need the ${String(LEAR_LOOKBACK_DAYS)} days before it`);
  let c = at;
  const { prices, exogenous } = series;
  for (let h = 0; h < HOURS_PER_DAY; h++) {
    for (const lag of PRICE_LAGS) out[c++] = prices[(day - lag) * HOURS_PER_DAY + h]!;
  }
  for (let h = 0; h < HOURS_PER_DAY; h++) {
    for (const lag of EXOGENOUS_LAGS) {
      for (const { values } of exogenous) out[c++] = values[(day - lag) * HOURS_PER_DAY + h]!;
    }
    for (const { values } of exogenous) out[c++] = values[day * HOURS_PER_DAY + h]!;
  }
  const weekday = weekdayOf(series.dates[day]!);
  for (let w = 0; w < WEEKDAY_DUMMIES; w++) out[c++] = w === weekday ? 1 : 0;
}

/** A design: `rows` rows of `columns` inputs (row-major) and their 24 hourly prices (row-major). */
export interface LearTrainingSet {
  readonly rows: number;
  readonly columns: number;
  readonly x: Float64Array;
  readonly y: Float64Array;
}

/**
 * The training rows of a calibration on days [from, until): one per day whose lags lie inside the
 * window, i.e. days from + 7 … until - 1 (epftoolbox leaves the window's first week out).
 */
export function learTrainingSet(series: DailySeries, from: number, until: number): LearTrainingSet {
  const columns = learFeatureCount(series.exogenous.length);
  const first = from + LEAR_LOOKBACK_DAYS;
  const rows = until - first;
  if (from < 0 || rows < 1) throw new RangeError(`a calibration on days ${String(from)}..${String(until)} has no day with a full week before it`);
  const x = new Float64Array(rows * columns);
  const y = new Float64Array(rows * HOURS_PER_DAY);
  for (let r = 0; r < rows; r++) {
    writeLearFeatures(series, first + r, x, r * columns);
    y.set(series.prices.subarray((first + r) * HOURS_PER_DAY, (first + r + 1) * HOURS_PER_DAY), r * HOURS_PER_DAY);
  }
  return { rows, columns, x, y };
}
