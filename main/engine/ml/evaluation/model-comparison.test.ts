import { describe, expect, it } from 'vitest';
import type { DayForecast } from '../../../../shared/api/ml.js';
import { HOURS_PER_DAY } from '../daily-series.js';
import { dieboldMarianoMultivariate } from './diebold-mariano.js';
import { compareModels, metricsOfDays } from './model-comparison.js';
import { weeklyNaive } from './weekly-naive.js';

/** Day-major prices: every hour of day d costs perDay[d]. */
const flat = (perDay: readonly number[]): Float64Array => Float64Array.from(perDay.flatMap((v) => Array.from({ length: HOURS_PER_DAY }, () => v)));
const dayAt = (value: number): DayForecast => ({ point: Array.from({ length: HOURS_PER_DAY }, () => value), quantiles: [] });

describe('comparing models on the same days', () => {
  // Ten days priced 10, 11, … 19: the weekly naive forecast of days 7..9 is 10, 11, 12 (7 below the price).
  const prices = flat(Array.from({ length: 10 }, (_, d) => 10 + d));
  const targets = [7, 8, 9];

  it('forecasts a day by the same hour a week before, and refuses a day with no week before it', () => {
    expect([...weeklyNaive(prices, [8])]).toEqual(Array.from({ length: 24 }, () => 11));
    expect(() => weeklyNaive(prices, [6])).toThrow('a week before');
  });

  it('measures a model against the prices and the weekly naive forecast', () => {
    // Forecasts 1 below on day 7, 1 above on day 8, exact on day 9: MAE 2/3, naive MAE 7, RMSE sqrt(2/3).
    const metrics = metricsOfDays(prices, targets, [dayAt(16), dayAt(19), dayAt(19)]);
    expect(metrics.mae).toBeCloseTo(2 / 3, 12);
    expect(metrics.rmae).toBeCloseTo(2 / 3 / 7, 12);
    expect(metrics.rmse).toBeCloseTo(Math.sqrt(2 / 3), 12);
    expect(metrics.smape).toBeCloseTo((1 / 16.5 + 1 / 18.5) / 3, 12);
  });

  it('tests every ordered pair, over all hours and hour by hour', () => {
    const good = [dayAt(17), dayAt(18.5), dayAt(19)];
    const poor = [dayAt(14), dayAt(20), dayAt(21)];
    const result = compareModels(prices, targets, [poor, good]);
    expect(result.referenceMae).toBe(7);
    expect(result.metrics.map((m) => m.mae)).toEqual([(3 + 2 + 2) / 3, 0.5 / 3]);
    expect(result.pairs.map(({ a, b }) => [a, b])).toEqual([
      [0, 1],
      [1, 0],
    ]);
    const forward = result.pairs[0]!;
    // Daily loss differentials poor - good: 3, 1.5, 2: DM = (6.5 / 3) / sqrt(0.3889 / 3), about 6.
    expect(forward.pValue).toBeCloseTo(dieboldMarianoMultivariate(flat([17, 18, 19]), flat([14, 20, 21]), flat([17, 18.5, 19])), 12);
    expect(forward.pValue).toBeLessThan(0.001);
    expect(forward.pValueByHour).toHaveLength(24);
    // Every hour has the same differentials here, so each hour's test is the multivariate one.
    expect(forward.pValueByHour.every((p) => Math.abs(p - forward.pValue) < 1e-12)).toBe(true);
    expect(result.pairs[1]!.pValue).toBeCloseTo(1 - forward.pValue, 12);
  });
});
