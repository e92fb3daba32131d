/**
 * The epftoolbox benchmark's error measures (Lago et al. 2021, section 4), over aligned arrays of
 * actual prices and forecasts. sMAPE is a fraction here (the published tables print it × 100).
 */

function checkedLength(actual: ArrayLike<number>, forecast: ArrayLike<number>): number {
  if (actual.length !== forecast.length) throw new RangeError(`${String(actual.length)} actual prices against ${String(forecast.length)} forecasts`);
  if (actual.length === 0) throw new RangeError('no prices to measure');
  return actual.length;
}

export function meanAbsoluteError(actual: ArrayLike<number>, forecast: ArrayLike<number>): number {
  const n = checkedLength(actual, forecast);
  let sum = 0;
  for (let i = 0; i < n; i++) sum += Math.abs(actual[i]! - forecast[i]!);
  return sum / n;
}

export function rootMeanSquaredError(actual: ArrayLike<number>, forecast: ArrayLike<number>): number {
  const n = checkedLength(actual, forecast);
  let sum = 0;
  for (let i = 0; i < n; i++) sum += (actual[i]! - forecast[i]!) ** 2;
  return Math.sqrt(sum / n);
}

/** Mean of |p − f| / ((|p| + |f|) / 2); a pair of zeros counts as no error rather than 0/0. */
export function symmetricMape(actual: ArrayLike<number>, forecast: ArrayLike<number>): number {
  const n = checkedLength(actual, forecast);
  let sum = 0;
  for (let i = 0; i < n; i++) {
    const scale = (Math.abs(actual[i]!) + Math.abs(forecast[i]!)) / 2;
    if (scale > 0) sum += Math.abs(actual[i]! - forecast[i]!) / scale;
  }
  return sum / n;
}

/** MAE relative to a reference forecast's MAE over the same prices (the benchmark uses the weekly naive). */
export function relativeMae(actual: ArrayLike<number>, forecast: ArrayLike<number>, reference: ArrayLike<number>): number {
  return meanAbsoluteError(actual, forecast) / meanAbsoluteError(actual, reference);
}

export interface ForecastMetrics {
  mae: number;
  smape: number;
  rmae: number;
  rmse: number;
}

export const forecastMetrics = (actual: ArrayLike<number>, forecast: ArrayLike<number>, reference: ArrayLike<number>): ForecastMetrics => ({
  mae: meanAbsoluteError(actual, forecast),
  smape: symmetricMape(actual, forecast),
  rmae: relativeMae(actual, forecast, reference),
  rmse: rootMeanSquaredError(actual, forecast),
});
