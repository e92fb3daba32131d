import * as tf from '@tensorflow/tfjs-core';
import { HOURS_PER_DAY } from '../daily-series.js';
import type { ScaledDayForecast } from './network-kind.js';

/**
 * The forecasts of `days` by a point network (one without quantile outputs: its bands come from
 * its residuals) from `compute`, its output [days, 24] in the scaler's units, run in a tidy.
 */
export function pointForecasts(days: readonly number[], compute: () => tf.Tensor2D): ScaledDayForecast[] {
  const values = tf.tidy(compute);
  const flat = values.dataSync();
  values.dispose();
  return days.map((_, i) => ({ point: flat.slice(i * HOURS_PER_DAY, (i + 1) * HOURS_PER_DAY), quantiles: null }));
}
