import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { divideRoundingHalfAwayFromZero } from './exact-division.js';

describe('division rounded half away from zero', () => {
  it('rounds halves away from zero and everything else to the nearest integer', () => {
    const cases: [bigint, bigint, bigint][] = [
      [5n, 2n, 3n],
      [-5n, 2n, -3n],
      [5n, -2n, -3n],
      [-5n, -2n, 3n],
      [12n, 5n, 2n],
      [13n, 5n, 3n],
      [-12n, 5n, -2n],
      [-13n, 5n, -3n],
      [0n, 7n, 0n],
      [1n, 3n, 0n],
      [-1n, 3n, 0n],
      [3n, 3n, 1n],
    ];
    for (const [numerator, denominator, expected] of cases) expect(divideRoundingHalfAwayFromZero(numerator, denominator)).toBe(expected);
  });

  it('stays exact beyond the doubles’ 2^53', () => {
    expect(divideRoundingHalfAwayFromZero(2n ** 60n + 1n, 2n)).toBe(2n ** 59n + 1n);
    expect(divideRoundingHalfAwayFromZero(-(2n ** 60n) - 1n, 2n)).toBe(-(2n ** 59n) - 1n);
  });

  it('is within half a unit of the exact quotient, and symmetric in the sign', () => {
    fc.assert(
      fc.property(fc.bigInt({ min: -(10n ** 18n), max: 10n ** 18n }), fc.bigInt({ min: 1n, max: 10n ** 9n }), (numerator, denominator) => {
        const quotient = divideRoundingHalfAwayFromZero(numerator, denominator);
        const error = quotient * denominator - numerator;
        expect(2n * (error < 0n ? -error : error) <= denominator).toBe(true);
        expect(divideRoundingHalfAwayFromZero(-numerator, denominator)).toBe(-quotient);
      }),
    );
  });

  it('refuses to divide by zero', () => {
    expect(() => divideRoundingHalfAwayFromZero(1n, 0n)).toThrow(RangeError);
  });
});
