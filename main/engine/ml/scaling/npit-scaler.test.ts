import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { standardNormalCdf } from '../evaluation/normal-distribution.js';
import { applyNpitScaler, fitNpitScaler, invertNpitScaler } from './npit-scaler.js';

/** Φ⁻¹ at the probabilities the cases use (R's qnorm). */
const QNORM = { 0.1: -1.2815515655446004, 0.4: -0.2533471031357997, 0.55: 0.12566134685507402, 0.9: 1.2815515655446004 };

describe('the N-PIT scaler', () => {
  it('maps each column through its mid-rank empirical distribution and the normal quantile, and back', () => {
    // Column 0 sorted: 1 2 2 3 10 → F(1) = 0.5/5, F(2) = (1.5 + 0.5)/5 (the tie's middle), F(3) = 3.5/5, F(10) = 4.5/5.
    // Column 1 is left alone (scaled = 1).
    const matrix = Float64Array.from([3, 7, 1, 7, 2, 7, 2, 7, 10, 7]);
    const scaler = fitNpitScaler(matrix, 2, 1);
    expect(scaler.columns).toHaveLength(1);
    expect([...scaler.columns[0]!.values]).toEqual([1, 2, 3, 10]);
    expect([...scaler.columns[0]!.counts]).toEqual([1, 2, 1, 1]);
    expect([...scaler.columns[0]!.positions].map((p) => p.toFixed(12))).toEqual(['0.100000000000', '0.400000000000', '0.700000000000', '0.900000000000']);
    const scaled = matrix.slice();
    applyNpitScaler(scaler, scaled, 2);
    expect(scaled[2]).toBeCloseTo(QNORM[0.1], 12);
    expect(scaled[4]).toBeCloseTo(QNORM[0.4], 12);
    expect(scaled[1]).toBe(7);
    // Between 2 and 3, F is linear: 2.5 → 0.55. Beyond the window's range, its ends.
    const between = Float64Array.from([2.5, 0, -40, 0, 1e6, 0]);
    applyNpitScaler(scaler, between, 2);
    expect([between[0], between[2], between[4]].map((z) => z!.toFixed(9))).toEqual([QNORM[0.55], QNORM[0.1], QNORM[0.9]].map((z) => z.toFixed(9)));
    expect(invertNpitScaler(scaler, 0, QNORM[0.55])).toBeCloseTo(2.5, 5);
    expect(invertNpitScaler(scaler, 0, QNORM[0.4])).toBeCloseTo(2, 5);
    // A forecast never leaves the range the window saw.
    expect([invertNpitScaler(scaler, 0, -8), invertNpitScaler(scaler, 0, 8)]).toEqual([1, 10]);
  });

  it('scales a column of one value to 0 and back to that value', () => {
    const scaler = fitNpitScaler(Float64Array.from([4, 4, 4]), 1);
    const scaled = Float64Array.from([4, 5]);
    applyNpitScaler(scaler, scaled, 1);
    expect([...scaled].map((z) => z.toFixed(12))).toEqual(['0.000000000000', '0.000000000000']);
    expect(invertNpitScaler(scaler, 0, 1.5)).toBe(4);
  });

  it('is increasing on the window, inverts itself there, and scales the window itself to mid-ranks', () => {
    const sample = fc.array(fc.integer({ min: -500, max: 3000 }).map((cents) => cents / 100), { minLength: 2, maxLength: 60 });
    fc.assert(
      fc.property(sample, fc.double({ min: 0, max: 1, noNaN: true }), fc.double({ min: 0, max: 1, noNaN: true }), (values, a, b) => {
        const scaler = fitNpitScaler(Float64Array.from(values), 1);
        const low = Math.min(...values);
        const high = Math.max(...values);
        const [x, y] = [low + Math.min(a, b) * (high - low), low + Math.max(a, b) * (high - low)];
        const scaled = Float64Array.from([x, y]);
        applyNpitScaler(scaler, scaled, 1);
        expect(scaled[0]).toBeLessThanOrEqual(scaled[1]!);
        // Back within what Φ's 1.2e-7 error allows over the window's range.
        expect(Math.abs(invertNpitScaler(scaler, 0, scaled[0]!) - x)).toBeLessThanOrEqual(1e-4 * (high - low + 1));
        const window = Float64Array.from(values);
        applyNpitScaler(scaler, window, 1);
        // Each window value lands at its mid-rank: the scaled window's probabilities average 1/2.
        const mean = [...window].reduce((sum, z) => sum + standardNormalCdf(z), 0) / values.length;
        expect(mean).toBeCloseTo(0.5, 6);
      }),
    );
  });
});
