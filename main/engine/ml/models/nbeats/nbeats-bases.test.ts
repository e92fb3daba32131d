import { describe, expect, it } from 'vitest';
import { seasonalityBasis, trendBasis } from './nbeats-bases.js';

describe('the interpretable N-BEATS bases', () => {
  it('trend: powers of t, −1 at the lookback start and 0 at midnight', () => {
    const basis = trendBasis(2, 48);
    expect(basis.rows).toBe(3);
    const backcastAt = (row: number, k: number): number => basis.backcast[row * 48 + k]!;
    expect([backcastAt(0, 0), backcastAt(1, 0), backcastAt(2, 0)]).toEqual([1, -1, 1]);
    expect(backcastAt(1, 24)).toBeCloseTo(-0.5, 6);
    expect([basis.forecast[0], basis.forecast[24], basis.forecast[48 + 12]]).toEqual([1, 0, (12 / 48) ** 2]);
  });

  it('seasonality: a constant, then cos and sin of each daily harmonic, continuous through midnight', () => {
    const basis = seasonalityBasis(2, 24);
    expect(basis.rows).toBe(5);
    const forecastAt = (row: number, h: number): number => basis.forecast[row * 24 + h]!;
    expect([0, 1, 2, 3, 4].map((row) => forecastAt(row, 0))).toEqual([1, 1, 0, 1, 0]);
    expect(forecastAt(1, 6)).toBeCloseTo(0, 6);
    expect(forecastAt(2, 6)).toBeCloseTo(1, 6);
    expect(forecastAt(3, 6)).toBeCloseTo(-1, 6);
    // A daily basis repeats: the backcast's hour −24 is the forecast's hour 0.
    for (let row = 0; row < 5; row++) expect(basis.backcast[row * 24]).toBeCloseTo(forecastAt(row, 0), 6);
  });
});
