import { describe, expect, it } from 'vitest';
import { HOURS_PER_DAY, type DailySeries } from '../../daily-series.js';
import { applyInvariantScaler, fitInvariantScaler, invertInvariantScaler, MAD_NORMAL_CONSTANT } from './invariant-scaler.js';
import { learFeatureCount, learTrainingSet, writeLearFeatures } from './lear-features.js';

/** Ten days from Monday 2018-01-01: price of day d hour h is d * 100 + h; load 10000 + that; wind 20000 + that. */
function tenDays(): DailySeries {
  const dates = Array.from({ length: 10 }, (_, d) => new Date(Date.UTC(2018, 0, 1 + d)).toISOString().slice(0, 10));
  const values = (offset: number): Float64Array => Float64Array.from({ length: 10 * HOURS_PER_DAY }, (_, i) => offset + Math.floor(i / HOURS_PER_DAY) * 100 + (i % HOURS_PER_DAY));
  return { dates, prices: values(0), exogenous: [{ name: 'load', values: values(10_000) }, { name: 'wind', values: values(20_000) }] };
}

describe("LEAR's features", () => {
  it('lays out day D as epftoolbox does: prices of D-1, D-2, D-3, D-7 by hour, then each series on D-1, D-7 and D by hour, then the weekday', () => {
    const series = tenDays();
    expect(learFeatureCount(2)).toBe(247);
    const row = new Float64Array(247);
    writeLearFeatures(series, 8, row); // 2018-01-09, a Tuesday
    // Hour 5: columns 20..23 are its price lags.
    expect([...row.subarray(20, 24)]).toEqual([705, 605, 505, 105]);
    // Hour 5 of the exogenous block (96 + 5 * 6): load D-1, wind D-1, load D-7, wind D-7, load D, wind D.
    expect([...row.subarray(126, 132)]).toEqual([10_705, 20_705, 10_105, 20_105, 10_805, 20_805]);
    expect([...row.subarray(240)]).toEqual([0, 1, 0, 0, 0, 0, 0]);
    expect(row[95]).toBe(123); // hour 23 on D-7
    expect(row[239]).toBe(20_823); // wind, hour 23 on D
  });

  it('trains on the window days that have a full week before them, each with its 24 prices', () => {
    const set = learTrainingSet(tenDays(), 1, 10);
    expect([set.rows, set.columns]).toEqual([2, 247]);
    expect(set.x[0]).toBe(700); // day 8's hour 0 on D-1
    expect([...set.y.subarray(24, 27)]).toEqual([900, 901, 902]);
    expect(() => learTrainingSet(tenDays(), 3, 10)).toThrow('no day with a full week before it');
    expect(() => writeLearFeatures(tenDays(), 6, new Float64Array(247))).toThrow('need the 7 days before it');
  });
});

describe('the Invariant (asinh-median) scaler', () => {
  it('centres each column on its median and divides by its MAD / 0.6745, through asinh, and inverts', () => {
    // Column 0: median 3, |x - 3| = 2 1 0 1 97, MAD 1. Column 1 (even count over 4 rows in the
    // second fit): median 2.5, deviations 1.5 .5 .5 7.5, MAD 1. Column 2 is left alone.
    const matrix = Float64Array.from([1, 0, 9, 2, 0, 9, 3, 0, 9, 4, 0, 9, 100, 0, 9]);
    const scaler = fitInvariantScaler(matrix, 3, 2);
    expect([scaler.median[0], scaler.mad[0]]).toEqual([3, 1 / MAD_NORMAL_CONSTANT]);
    expect(scaler.mad[1]).toBe(1); // all zeros: MAD 0, kept finite with a scale of 1
    const scaled = matrix.slice();
    applyInvariantScaler(scaler, scaled, 3);
    expect(scaled[12]).toBeCloseTo(Math.asinh(97 * MAD_NORMAL_CONSTANT), 12);
    expect(scaled[14]).toBe(9);
    expect(invertInvariantScaler(scaler, 0, scaled[12]!)).toBeCloseTo(100, 10);
    const even = fitInvariantScaler(Float64Array.from([1, 2, 3, 10]), 1);
    expect([even.median[0], even.mad[0]]).toEqual([2.5, 1 / MAD_NORMAL_CONSTANT]);
  });
});
