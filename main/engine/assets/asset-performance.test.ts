import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { curveVolumeSign, performanceRange } from './asset-performance.js';

const point = (priceMinor: number, volumeKw: number) => ({ priceMinor, volumeKw });

describe('which way a two-sided curve traded', () => {
  // Buys 5 MW at -100 EUR, sells 5 MW at 200 EUR: zero at 50 EUR when linear.
  const storage = [point(-10_000, 5_000), point(20_000, -5_000)];

  it('reads a linear curve between its points and holds its ends beyond them', () => {
    expect([-50_000, -10_000, 4_999, 5_000, 5_001, 20_000, 400_000].map((price) => curveVolumeSign(storage, price, 'linear'))).toEqual([1, 1, 1, 0, -1, -1, -1]);
  });

  it('holds a step curve’s volume from its price up to the next point', () => {
    expect([-50_000, -10_000, 19_999, 20_000, 400_000].map((price) => curveVolumeSign(storage, price, 'step'))).toEqual([1, 1, 1, -1, -1]);
    expect(curveVolumeSign([], 1_000, 'step')).toBe(0);
  });

  it('agrees with a one-sided curve at every price', () => {
    const curve = (sign: number) =>
      fc.uniqueArray(fc.integer({ min: -50_000, max: 400_000 }), { minLength: 1, maxLength: 10 }).chain((prices) =>
        fc.tuple(...prices.sort((a, b) => a - b).map((price) => fc.integer({ min: 1, max: 100_000 }).map((kw) => point(price, sign * kw)))),
      );
    fc.assert(
      fc.property(fc.constantFrom(1, -1), fc.integer({ min: -100_000, max: 500_000 }), fc.constantFrom('step' as const, 'linear' as const), (sign, price, kind) => {
        fc.assert(
          fc.property(curve(sign), (points) => {
            expect(curveVolumeSign(points, price, kind)).toBe(sign);
          }),
          { numRuns: 5 },
        );
      }),
      { numRuns: 40 },
    );
  });
});

describe('the days a performance covers', () => {
  it('takes up to 366 calendar days in order, and names the field at fault otherwise', () => {
    expect(performanceRange('2024-01-01', '2024-12-31')).toEqual({ from: '2024-01-01', to: '2024-12-31' });
    expect(performanceRange('2026-03-10', '2026-03-10')).toEqual({ from: '2026-03-10', to: '2026-03-10' });
    const refusal = (from: string, to: string): unknown => {
      try {
        performanceRange(from, to);
        return null;
      } catch (error) {
        return error;
      }
    };
    expect(refusal('2025-01-01', '2026-01-02')).toMatchObject({ code: 'RANGE_TOO_LONG', details: [{ field: 'query.to' }] });
    expect(refusal('2026-03-11', '2026-03-10')).toMatchObject({ code: 'INVALID_RANGE', details: [{ field: 'query.to' }] });
    expect(refusal('2026-01-01', '2026-13-01')).toMatchObject({ code: 'INVALID_DATE', details: [{ field: 'query.to' }] });
    expect(refusal('2025-02-29', '2025-03-01')).toMatchObject({ code: 'INVALID_DATE', details: [{ field: 'query.from' }] });
  });
});
