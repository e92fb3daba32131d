import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { averageRanks, pearson, ranked, spearman, spearmanOfRanked, strongestLag } from './correlation.js';
import { durationCurve } from './duration-curve.js';
import { mean, sampleStandardDeviation, stepChanges } from './moments.js';
import { MAD_TO_SIGMA, median, medianAbsoluteDeviation, sampleQuantile, sortedFinite } from './quantiles.js';
import { robustScale } from './robust-scores.js';

const MISSING = Number.NaN;

describe('order statistics', () => {
  it('interpolates quantiles between order statistics (type 7)', () => {
    // Position level x (n - 1) in [10, 20, 30, 40, 50]: 0.05 -> 0.2 (12), 0.25 -> 1 (20), 0.95 -> 3.8 (48).
    const sorted = [10, 20, 30, 40, 50];
    expect([0, 0.05, 0.25, 0.5, 0.75, 0.95, 1].map((level) => sampleQuantile(sorted, level))).toEqual([10, 12, 20, 30, 40, 48, 50]);
    expect(sampleQuantile([1, 2, 3, 4], 0.5)).toBe(2.5);
    expect(sampleQuantile([7], 0.9)).toBe(7);
    expect(() => sampleQuantile([], 0.5)).toThrow(RangeError);
    expect(() => sampleQuantile([1], 1.5)).toThrow(RangeError);
  });

  it('takes the median and the MAD of the values present, NaN marking a missing one', () => {
    expect(Array.from(sortedFinite([3, MISSING, -1, 2]))).toEqual([-1, 2, 3]);
    expect(median([5, MISSING, 1, 3, 100])).toBe(4);
    expect(median([MISSING])).toBeNaN();
    // |x - 4| of 1, 3, 5, 100 is 3, 1, 1, 96: median 2.
    expect(medianAbsoluteDeviation([1, 3, 5, 100, MISSING], 4)).toBe(2);
    expect(MAD_TO_SIGMA).toBeCloseTo(1.4826, 4);
  });

  it('scales residuals by 1.4826 MAD, by 1.2533 x the mean absolute deviation when most sit on the centre, and not at all when all do', () => {
    expect(robustScale([-2, -1, 0, 1, 2], 0)).toBeCloseTo(1.4826 * 1, 4);
    // MAD 0 (three of five on the centre); mean |deviation| 8 / 5 = 1.6.
    expect(robustScale([0, 0, 0, 4, -4], 0)).toBeCloseTo(1.2533141 * 1.6, 6);
    expect(robustScale([3, 3, 3], 3)).toBeNaN();
  });
});

describe('moments', () => {
  it('averages and spreads the values present (sample standard deviation, n - 1)', () => {
    // The textbook eight: mean 5, squares about the mean 32, so 32 / 7 under n - 1.
    const values = [2, 4, 4, 4, 5, 5, 7, 9];
    expect(mean(values)).toBe(5);
    expect(sampleStandardDeviation(values)).toBeCloseTo(Math.sqrt(32 / 7), 12);
    expect(sampleStandardDeviation([MISSING, 1e9 + 1, 1e9 + 3])).toBeCloseTo(Math.SQRT2, 6);
    expect([mean([]), mean([MISSING]), sampleStandardDeviation([4])]).toEqual([null, null, null]);
  });

  it('takes hour-to-hour changes only between two present values', () => {
    expect(Array.from(stepChanges([1, 4, MISSING, 6, 5]))).toEqual([MISSING, 3, MISSING, MISSING, -1]);
  });
});

describe('correlation', () => {
  const x = [1, 2, 3, 4, 5];
  const y = [2, 4, 5, 4, 5];

  it('gives Pearson’s r and Spearman’s rho as computed by hand, ties at their mean rank', () => {
    // dx = -2..2, dy = -2, 0, 1, 0, 1: Sxy 6, Sxx 10, Syy 6.
    expect(pearson(x, y)).toBeCloseTo(6 / Math.sqrt(60), 12);
    // Ranks of y: 1, 2.5, 4.5, 2.5, 4.5: Sxy 7, Sxx 10, Syy 9.
    expect(Array.from(averageRanks(Float64Array.from(y)))).toEqual([1, 2.5, 4.5, 2.5, 4.5]);
    expect(spearman(x, y)).toBeCloseTo(7 / Math.sqrt(90), 12);
    // Monotonic but not linear: Spearman 1, Pearson below.
    const cubes = x.map((v) => v ** 3);
    expect(spearman(x, cubes)).toBe(1);
    expect(pearson(x, cubes)).toBeLessThan(1);
    expect(pearson(x, x.map((v) => -2 * v + 7))).toBe(-1);
  });

  it('ranks any values as the definition does: one plus those below plus half the other equals', () => {
    // Small integers, so that ties are common; -0 and 0 are one value.
    const values = fc.array(fc.oneof(fc.integer({ min: -5, max: 5 }), fc.constant(-0), fc.double({ noNaN: true, noDefaultInfinity: true })), { maxLength: 60 });
    fc.assert(
      fc.property(values, (list) => {
        const byDefinition = list.map((v) => 1 + list.filter((w) => w < v).length + (list.filter((w) => w === v).length - 1) / 2);
        expect(Array.from(averageRanks(Float64Array.from(list)))).toEqual(byDefinition);
      }),
    );
  });

  it('gives the same rho from series ranked once as from each pair ranked anew, hours missing or not', () => {
    const hour = fc.oneof(fc.integer({ min: -3, max: 3 }), fc.double({ min: -100, max: 100, noNaN: true }), fc.constant(MISSING));
    const pairOfSeries = fc.integer({ min: 0, max: 30 }).chain((length) => fc.tuple(fc.array(hour, { minLength: length, maxLength: length }), fc.array(hour, { minLength: length, maxLength: length }), fc.boolean()));
    fc.assert(
      fc.property(pairOfSeries, ([x, y, sameHours]) => {
        // Half the cases with the hours missing in x missing in y too: the path that reuses ranks.
        const y2 = sameHours ? y.map((value, t) => (Number.isNaN(x[t]) ? MISSING : Number.isNaN(value) ? 0 : value)) : y;
        expect(spearmanOfRanked(ranked(x), ranked(y2))).toBe(spearman(x, y2));
      }),
    );
  });

  it('uses the hours both series have, and answers null with too few or a flat series', () => {
    // Common: (1, 2), (4, 5), (5, 6): on a line.
    expect(pearson([1, MISSING, 3, 4, 5], [2, 9, MISSING, 5, 6])).toBeCloseTo(1, 12);
    expect(pearson([1, 2, MISSING], [1, 2, 3])).toBeNull();
    expect(pearson([1, 2, 3], [4, 4, 4])).toBeNull();
  });

  it('pairs x at t with y at t + lag, and finds the strongest lag', () => {
    const a = [5, 1, 4, 2, 8, 3, 7];
    // b follows a two steps later: b[t + 2] = a[t].
    const b = [0, 9, ...a.slice(0, 5)];
    expect(pearson(a, b, 2)).toBeCloseTo(1, 12);
    const lags = [-2, -1, 0, 1, 2];
    const rs = lags.map((lag) => pearson(a, b, lag));
    expect(strongestLag(lags, rs)).toEqual({ lag: 2, r: rs[4] });
    expect(strongestLag(lags, [null, null, null, null, null])).toBeNull();
  });
});

describe('the price duration curve', () => {
  it('sorts prices from the highest, each point saying how many hours were priced at least that', () => {
    expect(durationCurve([30, -5, 80, 30], 10)).toEqual([
      { hours: 1, price: 80 },
      { hours: 2, price: 30 },
      { hours: 3, price: 30 },
      { hours: 4, price: -5 },
    ]);
  });

  it('keeps evenly spaced ranks, both ends included, when longer than the points asked for', () => {
    // 101 prices 100..0: 5 points at ranks 0, 25, 50, 75, 100.
    const prices = Array.from({ length: 101 }, (_, i) => i);
    expect(durationCurve(prices, 5)).toEqual([
      { hours: 1, price: 100 },
      { hours: 26, price: 75 },
      { hours: 51, price: 50 },
      { hours: 76, price: 25 },
      { hours: 101, price: 0 },
    ]);
    expect(durationCurve([], 5)).toEqual([]);
    expect(() => durationCurve([1], 1)).toThrow(RangeError);
  });
});
