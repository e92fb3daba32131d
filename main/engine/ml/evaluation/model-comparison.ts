import type { DayForecast, QuantileAccuracy } from '../../../../shared/api/ml.js';
import { dayValues, HOURS_PER_DAY } from '../daily-series.js';
import { dieboldMarianoByHour, dieboldMarianoMultivariate } from './diebold-mariano.js';
import { forecastMetrics, meanAbsoluteError, type ForecastMetrics } from './forecast-metrics.js';
import { quantileAccuracy } from './quantile-accuracy.js';
import { weeklyNaive } from './weekly-naive.js';

/**
 * Several models' forecasts of the same days, measured as the epftoolbox benchmark does: MAE,
 * sMAPE, rMAE against the weekly naive forecast, RMSE, and the Diebold-Mariano test (absolute
 * errors) of every ordered pair, over all hours and hour by hour; and beside them how well each
 * model's quantiles held (quantile-accuracy.ts).
 */

export interface PairTest {
  /** Indexes of the two models: a small p-value says model b is significantly more accurate than model a. */
  a: number;
  b: number;
  pValue: number;
  pValueByHour: number[];
}

export interface ComparisonResult {
  metrics: ForecastMetrics[];
  /** Null for a model whose forecasts lack a quantile level. */
  quantiles: (QuantileAccuracy | null)[];
  referenceMae: number;
  pairs: PairTest[];
}

/** The point forecasts of days, one after the other. */
export function pointsOf(forecasts: readonly DayForecast[]): Float64Array {
  const points = new Float64Array(forecasts.length * HOURS_PER_DAY);
  forecasts.forEach((forecast, i) => points.set(forecast.point, i * HOURS_PER_DAY));
  return points;
}

/** The actual prices of the target days (indexes into day-major `prices`), one day after the other. */
export function actualsOf(prices: Float64Array, targets: readonly number[]): Float64Array {
  const actual = new Float64Array(targets.length * HOURS_PER_DAY);
  targets.forEach((target, i) => actual.set(dayValues(prices, target), i * HOURS_PER_DAY));
  return actual;
}

/** One model's forecasts of the target days, measured against the actual prices and the weekly naive forecast. */
export const metricsOfDays = (prices: Float64Array, targets: readonly number[], forecasts: readonly DayForecast[]): ForecastMetrics =>
  forecastMetrics(actualsOf(prices, targets), pointsOf(forecasts), weeklyNaive(prices, targets));

/** Every model's metrics on the target days and the test of every ordered pair (needs two days at least). */
export function compareModels(prices: Float64Array, targets: readonly number[], forecastsByModel: readonly (readonly DayForecast[])[]): ComparisonResult {
  const actual = actualsOf(prices, targets);
  const reference = weeklyNaive(prices, targets);
  const points = forecastsByModel.map(pointsOf);
  const pairs: PairTest[] = [];
  points.forEach((a, i) =>
    points.forEach((b, j) => {
      if (i !== j) pairs.push({ a: i, b: j, pValue: dieboldMarianoMultivariate(actual, a, b), pValueByHour: dieboldMarianoByHour(actual, a, b) });
    }),
  );
  return {
    metrics: points.map((p) => forecastMetrics(actual, p, reference)),
    quantiles: forecastsByModel.map((forecasts) => quantileAccuracy(actual, forecasts)),
    referenceMae: meanAbsoluteError(actual, reference),
    pairs,
  };
}
