import { HOURS_PER_DAY } from '../daily-series.js';
import { standardNormalCdf } from './normal-distribution.js';

/**
 * The one-sided Diebold-Mariano test as the epftoolbox benchmark runs it (Lago et al. 2021,
 * section 4.3; epftoolbox.evaluation.DM). H0: forecast B is not more accurate than forecast A.
 * A small p-value says B is significantly better than A. Losses are absolute errors (norm 1) or
 * squared errors (norm 2); the statistic is mean(d) / sqrt(var(d) / N) with the population
 * variance, against the standard normal (no autocorrelation correction: day-ahead errors of one
 * hour, one day apart, are treated as independent, as in the benchmark).
 */

export type LossNorm = 1 | 2;

const loss = (error: number, norm: LossNorm): number => (norm === 1 ? Math.abs(error) : error * error);

function pValueOf(differentials: readonly number[]): number {
  const n = differentials.length;
  const mean = differentials.reduce((s, d) => s + d, 0) / n;
  const variance = differentials.reduce((s, d) => s + (d - mean) ** 2, 0) / n;
  // Identical losses every day: no evidence either way.
  if (variance === 0) return mean > 0 ? 0 : mean < 0 ? 1 : 0.5;
  return 1 - standardNormalCdf(mean / Math.sqrt(variance / n));
}

function checkedDays(actual: ArrayLike<number>, a: ArrayLike<number>, b: ArrayLike<number>): number {
  if (a.length !== actual.length || b.length !== actual.length) throw new RangeError('actual prices and both forecasts must have the same length');
  if (actual.length === 0 || actual.length % HOURS_PER_DAY !== 0) throw new RangeError(`the test needs whole days of ${String(HOURS_PER_DAY)} hours; got ${String(actual.length)} values`);
  const days = actual.length / HOURS_PER_DAY;
  if (days < 2) throw new RangeError('the test needs at least two days');
  return days;
}

/** The multivariate test: one loss differential per day, the mean over its 24 hours. */
export function dieboldMarianoMultivariate(actual: ArrayLike<number>, a: ArrayLike<number>, b: ArrayLike<number>, norm: LossNorm = 1): number {
  const days = checkedDays(actual, a, b);
  const differentials = Array.from({ length: days }, (_, day) => {
    let sum = 0;
    for (let h = 0; h < HOURS_PER_DAY; h++) {
      const i = day * HOURS_PER_DAY + h;
      sum += loss(actual[i]! - a[i]!, norm) - loss(actual[i]! - b[i]!, norm);
    }
    return sum / HOURS_PER_DAY;
  });
  return pValueOf(differentials);
}

/** The univariate test: one p-value per hour of the day, over the days. */
export function dieboldMarianoByHour(actual: ArrayLike<number>, a: ArrayLike<number>, b: ArrayLike<number>, norm: LossNorm = 1): number[] {
  const days = checkedDays(actual, a, b);
  return Array.from({ length: HOURS_PER_DAY }, (_, h) =>
    pValueOf(
      Array.from({ length: days }, (_, day) => {
        const i = day * HOURS_PER_DAY + h;
        return loss(actual[i]! - a[i]!, norm) - loss(actual[i]! - b[i]!, norm);
      }),
    ),
  );
}
