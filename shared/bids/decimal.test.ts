import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { halfStepAbove, steps } from '../../main/testing/bid-fixtures.js';
import { mwToKw, priceToMinor } from '../units.js';
import { exceedsShare, isFurtherThan, onStep } from './decimal.js';

describe('exact decimals', () => {
  it('puts a typed value on its step by its digits, not by a float remainder', () => {
    expect(12.3 % 0.1).not.toBe(0);
    expect(onStep(12.3, 0.1)).toBe(true);
    expect(onStep(12.35, 0.1)).toBe(false);
    expect(onStep(12.35, 0.01)).toBe(true);
    expect(onStep(-9999.99, 0.01)).toBe(true);
    expect(onStep(9999.99, 0.1)).toBe(false);
    expect(onStep(0.1 + 0.2, 0.1)).toBe(true);
    expect(onStep(-500, 0.1)).toBe(true);
    expect(onStep(0.0000000001, 0.1)).toBe(false);
    expect(onStep(12.0000001, 0.1)).toBe(false);
    expect(onStep(Number.NaN, 0.1)).toBe(false);
    expect(onStep(Number.POSITIVE_INFINITY, 0.1)).toBe(false);
    expect(onStep(5, 0)).toBe(false);
    // Beyond 2^53 in units of the last place: exact in BigInt, where a double remainder would not be.
    expect(onStep(1e20, 0.1)).toBe(true);
    expect(onStep(1e20, 3)).toBe(false);
  });

  it('measures a distance to the threshold exactly, where a float difference overshoots', () => {
    expect(137.3 - 12.3 > 125).toBe(true);
    expect(isFurtherThan(137.3, 12.3, 125)).toBe(false);
    expect(isFurtherThan(137.4, 12.3, 125)).toBe(true);
    expect(isFurtherThan(-112.7, 12.3, 125)).toBe(false);
    expect(isFurtherThan(-112.71, 12.3, 125)).toBe(true);
    expect(isFurtherThan(1e20, -1, 1e20)).toBe(true);
    expect(isFurtherThan(1e20, 0, 1e20)).toBe(false);
    // Finer than nine places: compared as doubles.
    expect(isFurtherThan(400, 12.123456789012, 250)).toBe(true);
    expect(isFurtherThan(100, 12.123456789012, 250)).toBe(false);
  });

  it('compares a volume with a share of a capacity exactly', () => {
    expect(0.07 * 100).not.toBe(7);
    expect(exceedsShare(7, 0.07, 100)).toBe(false);
    expect(exceedsShare(-7.01, 0.07, 100)).toBe(true);
    expect(exceedsShare(9, 0.9, 10)).toBe(false);
    expect(exceedsShare(9.1, 0.9, 10)).toBe(true);
    expect(exceedsShare(0.3, 0.3, 1.0000000000001)).toBe(false);
  });

  it('takes every whole number of steps and no half step, and never passes what storage would refuse', () => {
    fc.assert(
      fc.property(fc.integer({ min: -10_000_000, max: 10_000_000 }), fc.constantFrom(0.1, 0.01), (units, step) => {
        expect(onStep(steps(units, step), step)).toBe(true);
        expect(onStep(halfStepAbove(steps(units, step), step), step)).toBe(false);
      }),
    );
    fc.assert(
      fc.property(
        fc.oneof(
          fc.double({ min: -1e6, max: 1e6, noNaN: true }),
          fc.integer({ min: -1e8, max: 1e8 }).map((cents) => steps(cents, 0.01)),
          fc.tuple(fc.integer({ min: -1e8, max: 1e8 }), fc.double({ min: -1e-5, max: 1e-5, noNaN: true })).map(([cents, nudge]) => steps(cents, 0.01) + nudge),
        ),
        (value) => {
        if (onStep(value, 0.01)) expect(() => priceToMinor(value)).not.toThrow();
        if (onStep(value, 0.01)) expect(() => mwToKw(value)).not.toThrow();
        },
      ),
    );
  });
});
