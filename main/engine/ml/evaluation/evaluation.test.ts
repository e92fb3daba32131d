import { describe, expect, it } from 'vitest';
import { dieboldMarianoByHour, dieboldMarianoMultivariate } from './diebold-mariano.js';
import { forecastMetrics, symmetricMape } from './forecast-metrics.js';
import { standardNormalCdf } from './normal-distribution.js';
import { sampleQuantile } from '../../../../shared/analytics/quantiles.js';
import { residualOffsets } from './residual-quantiles.js';

/** Whole days of 24 hours, each hour of day d set to perDay[d]. */
const days = (...perDay: number[]): number[] => perDay.flatMap((v) => Array.from({ length: 24 }, () => v));

describe('forecast metrics (the epftoolbox definitions), against values worked by hand', () => {
  it('MAE, sMAPE, rMAE and RMSE of a four-value series', () => {
    const actual = [10, 20, 30, 40];
    const forecast = [12, 18, 30, 44];
    const naive = [20, 10, 40, 30];
    // errors 2, 2, 0, 4: MAE 2, RMSE sqrt(24 / 4); naive errors all 10: rMAE 0.2.
    // sMAPE: 2/11 + 2/19 + 0 + 4/42, over 4.
    expect(forecastMetrics(actual, forecast, naive)).toEqual({
      mae: 2,
      rmse: Math.sqrt(6),
      rmae: 0.2,
      smape: expect.closeTo((2 / 11 + 2 / 19 + 4 / 42) / 4, 12) as number,
    });
  });

  it('sMAPE counts a zero forecast of a zero price as no error, and refuses arrays that do not line up', () => {
    expect(symmetricMape([0, 10], [0, 10])).toBe(0);
    expect(() => symmetricMape([1, 2], [1])).toThrow('2 actual prices against 1 forecasts');
  });
});

describe('the Diebold-Mariano test', () => {
  it('matches the normal distribution function to seven digits', () => {
    expect(standardNormalCdf(0)).toBeCloseTo(0.5, 7);
    expect(standardNormalCdf(1.96)).toBeCloseTo(0.9750021048517795, 7);
    expect(standardNormalCdf(-1)).toBeCloseTo(1 - 0.8413447460685429, 7);
  });

  it('multivariate: daily mean loss differentials 1 and 3 give DM = 2 / sqrt(1 / 2)', () => {
    const actual = days(0, 0);
    const a = days(2, 4);
    const b = days(1, 1);
    // d = (1, 3): mean 2, population variance 1, DM = 2.828…, p = 1 − Φ(2.828…).
    expect(dieboldMarianoMultivariate(actual, a, b)).toBeCloseTo(0.0023388674905235884, 7);
    // The other way round B is worse: p near 1.
    expect(dieboldMarianoMultivariate(actual, b, a)).toBeCloseTo(1 - 0.0023388674905235884, 7);
    // Squared errors: d = (4 − 1, 16 − 1) = (3, 15): mean 9, variance 36, DM = 9 / sqrt(18).
    expect(dieboldMarianoMultivariate(actual, a, b, 2)).toBeCloseTo(1 - standardNormalCdf(9 / Math.sqrt(18)), 9);
  });

  it('univariate: one p-value per hour from that hour\'s differentials only', () => {
    const actual = days(0, 0, 0, 0);
    const a = days(1, 3, 2, 6);
    const b = days(0, 0, 0, 0);
    a[5 + 24 * 3] = 0; // hour 5 of the last day: A exact, so that hour's d = (1, 3, 2, 0)
    const p = dieboldMarianoByHour(actual, a, b);
    expect(p).toHaveLength(24);
    expect(p[0]).toBeCloseTo(0.0006703205586147121, 7);
    const d = [1, 3, 2, 0];
    const mean = 1.5;
    const variance = d.reduce((s, x) => s + (x - mean) ** 2, 0) / 4;
    expect(p[5]).toBeCloseTo(1 - standardNormalCdf(mean / Math.sqrt(variance / 4)), 9);
  });

  it('says nothing either way about identical forecasts, and refuses partial days', () => {
    const same = days(3, 4, 5);
    expect(dieboldMarianoMultivariate(days(0, 0, 0), same, same)).toBe(0.5);
    expect(() => dieboldMarianoMultivariate([1, 2], [1, 2], [1, 2])).toThrow('whole days');
  });
});

describe('residual quantiles', () => {
  it('interpolates between order statistics as NumPy does', () => {
    expect(sampleQuantile([1, 2, 3, 4], 0.5)).toBe(2.5);
    expect(sampleQuantile([1, 2, 3, 4], 0.1)).toBeCloseTo(1.3, 12);
  });

  it('takes each hour\'s quantiles over the days', () => {
    const residuals = [...days(-2), ...days(0), ...days(2)];
    const offsets = residualOffsets(residuals);
    // Level 0.5 is the median, 0; level 0.05 is −2 + 0.1 × 2.
    expect(offsets[3]!.every((v) => v === 0)).toBe(true);
    expect(offsets[0]![7]).toBeCloseTo(-1.8, 12);
  });
});
