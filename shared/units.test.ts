import { describe, expect, it } from 'vitest';
import { bpToFraction, fractionToBp, kwhToMwh, kwToMw, minorToPrice, mwhToKwh, mwToKw, priceToMinor } from './units.js';

describe('exact units', () => {
  it('converts decimal prices and volumes to integers and back', () => {
    for (const price of [-500, 4000, 12.34, -9999.99, 0.01, 4000.1, 0]) expect(minorToPrice(priceToMinor(price))).toBe(price);
    expect(priceToMinor(9999.99)).toBe(999999);
    expect(priceToMinor(0.1 + 0.2)).toBe(30);
    for (const mw of [0.1, 12.5, 0.001, 250]) expect(kwToMw(mwToKw(mw))).toBe(mw);
    for (const mwh of [0.001, 2.5, 1_000_000]) expect(kwhToMwh(mwhToKwh(mwh))).toBe(mwh);
    for (const fraction of [0, 0.0001, 0.88, 0.1 + 0.2, 1]) expect(bpToFraction(fractionToBp(fraction))).toBe(Math.round(fraction * 10_000) / 10_000);
    expect(fractionToBp(0.88)).toBe(8800);
  });

  it('refuses a value finer than the integer unit instead of rounding it', () => {
    expect(() => priceToMinor(1.005)).toThrow('1.005 is not a whole number of cents');
    expect(() => priceToMinor(-12.345)).toThrow(RangeError);
    expect(() => mwToKw(0.0004)).toThrow('0.0004 is not a whole number of kW');
    expect(() => mwhToKwh(1.0005)).toThrow('1.0005 is not a whole number of kWh');
    expect(() => fractionToBp(0.12345)).toThrow('0.12345 is not a whole number of basis points');
    expect(() => priceToMinor(Number.NaN)).toThrow(RangeError);
    expect(() => priceToMinor(Number.POSITIVE_INFINITY)).toThrow(RangeError);
  });
});
