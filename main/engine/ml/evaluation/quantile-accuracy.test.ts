import { describe, expect, it } from 'vitest';
import { QUANTILE_LEVELS, type DayForecast } from '../../../../shared/api/ml.js';
import { HOURS_PER_DAY } from '../daily-series.js';
import { compareModels } from './model-comparison.js';
import { intervalCoverage, pinballLoss, quantileAccuracy } from './quantile-accuracy.js';

const hours = (value: number): number[] => Array.from({ length: HOURS_PER_DAY }, () => value);
/** A day whose every hour has the same quantile at each level (in QUANTILE_LEVELS' order). */
const dayWith = (point: number, quantiles: readonly number[]): DayForecast => ({ point: hours(point), quantiles: QUANTILE_LEVELS.map((level, i) => ({ level, values: hours(quantiles[i]!) })) });
// Two days priced 10 then 20 every hour; both forecast with these quantiles at 0.05, 0.1, 0.25, 0.5, 0.75, 0.9, 0.95.
const QUANTILES = [5, 8, 9, 12, 15, 18, 21];
const actual = Float64Array.from([...hours(10), ...hours(20)]);

describe('how far quantile forecasts held', () => {
  it('scores a quantile by the pinball loss: under-forecasts weigh by the level, over-forecasts by one minus it', () => {
    // 10 against 12 at 0.9: 0.1 · 2 = 0.2; 20 against 12: 0.9 · 8 = 7.2; mean 3.7.
    expect(pinballLoss([10, 20], [12, 12], 0.9)).toBeCloseTo(3.7, 12);
    expect(pinballLoss([10, 20], [12, 12], 0.5)).toBeCloseTo(2.5, 12);
    expect(() => pinballLoss([1, 2], [1], 0.5)).toThrow(RangeError);
  });

  it('counts the prices inside a band, its bounds included', () => {
    expect(intervalCoverage([1, 5, 9, 10], [0, 6, 0, 0], [2, 7, 9, 9.5])).toBe(0.5);
    expect(() => intervalCoverage([], [], [])).toThrow(RangeError);
  });

  it('averages the pinball loss over the levels and measures each central band against its nominal share', () => {
    const accuracy = quantileAccuracy(actual, [dayWith(12, QUANTILES), dayWith(12, QUANTILES)]);
    // Per level (days 10 and 20): 0.5, 0.7, 1.5, 2.5, 2.5, 1.3, 0.3; their mean 9.3 / 7.
    expect(accuracy?.pinball).toBeCloseTo(9.3 / 7, 12);
    // 5-21 holds both days, 8-18 and 9-15 only the first.
    expect(accuracy?.bands).toEqual([
      { lower: 0.05, upper: 0.95, nominal: 0.9, observed: 1 },
      { lower: 0.1, upper: 0.9, nominal: 0.8, observed: 0.5 },
      { lower: 0.25, upper: 0.75, nominal: 0.5, observed: 0.5 },
    ]);
  });

  it('has no answer for forecasts without every quantile level, and the comparison says so per model', () => {
    const pointOnly: DayForecast = { point: hours(12), quantiles: [] };
    expect(quantileAccuracy(actual, [dayWith(12, QUANTILES), pointOnly])).toBeNull();
    // Nine days before the two: the weekly naive reads a week back.
    const prices = Float64Array.from([...Array.from({ length: 7 }, () => hours(15)).flat(), ...actual]);
    const result = compareModels(prices, [7, 8], [[dayWith(12, QUANTILES), dayWith(12, QUANTILES)], [pointOnly, pointOnly]]);
    expect(result.quantiles[0]?.pinball).toBeCloseTo(9.3 / 7, 12);
    expect(result.quantiles[1]).toBeNull();
  });
});
