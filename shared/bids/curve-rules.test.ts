import { describe, expect, it } from 'vitest';
import { CATALOGUE_ZONES, catalogueZone, curveDraft, findings, halfStepAbove, ladder, ruleContext, steps } from '../../main/testing/bid-fixtures.js';
import type { CurvePoint } from '../api/bids.js';
import type { MarketZone } from '../api/zones.js';
import { validateBid } from './validate-bid.js';

/** The errors of a one-period day-ahead curve of `points` in `zone`. */
const curveErrors = (zone: MarketZone, points: CurvePoint[], side: 'buy' | 'sell' | 'both' = 'buy') =>
  validateBid(curveDraft(zone, { side, curve: [{ period: 1, points }] }), ruleContext(zone)).errors;

const replace = (points: CurvePoint[], index: number, change: Partial<CurvePoint>): CurvePoint[] => points.map((point, k) => (k === index ? { ...point, ...change } : point));

describe.each(CATALOGUE_ZONES.map((zone) => [zone.id, zone] as const))('a %s curve, with the limits of the catalogue', (_id, zone) => {
  const { priceTick, volumeLot, maxPoints } = zone.curve;
  const { floor, cap } = zone.priceLimits;
  const floorTicks = Math.round(floor / priceTick);
  const capTicks = Math.round(cap / priceTick);

  it('passes from the floor to the cap, buying and selling', () => {
    const points = ladder(zone, 3);
    expect([points[0]?.price, points[2]?.price]).toEqual([floor, cap]);
    expect(curveErrors(zone, points)).toEqual([]);
    expect(curveErrors(zone, ladder(zone, 3, 'sell'), 'sell')).toEqual([]);
    expect(curveErrors(zone, ladder(zone, maxPoints))).toEqual([]);
  });

  it('refuses a tick below the floor and a tick above the cap, at that price', () => {
    const below = curveErrors(zone, replace(ladder(zone, 3), 0, { price: steps(floorTicks - 1, priceTick) }));
    expect(findings(below)).toContain('PRICE_BELOW_FLOOR curve[0].points[0].price');
    expect(new Set(below.map((error) => error.field))).toEqual(new Set(['curve[0].points[0].price']));
    const above = curveErrors(zone, replace(ladder(zone, 3), 2, { price: steps(capTicks + 1, priceTick) }));
    expect(findings(above)).toContain('PRICE_ABOVE_CAP curve[0].points[2].price');
    expect(new Set(above.map((error) => error.field))).toEqual(new Set(['curve[0].points[2].price']));
  });

  it('refuses a price off the tick and a volume off the lot, and nothing else', () => {
    const middle = ladder(zone, 3)[1] ?? { price: 0, volume: 0 };
    expect(findings(curveErrors(zone, replace(ladder(zone, 3), 1, { price: halfStepAbove(middle.price, priceTick) })))).toEqual(['PRICE_OFF_TICK curve[0].points[1].price']);
    expect(findings(curveErrors(zone, replace(ladder(zone, 3), 1, { volume: halfStepAbove(middle.volume, volumeLot) })))).toEqual(['VOLUME_OFF_LOT curve[0].points[1].volume']);
  });

  it(`takes at most ${maxPoints} points in a period`, () => {
    expect(findings(curveErrors(zone, ladder(zone, maxPoints + 1)))).toEqual(['CURVE_TOO_MANY_POINTS curve[0].points']);
  });
});

describe('curve messages', () => {
  it('name the limit a price breaks, in the zone currency, as a trader writes numbers', () => {
    const zone = catalogueZone('DE_LU');
    const errors = curveErrors(zone, [
      { price: 12.35, volume: 5 },
      { price: 4000.5, volume: 1 },
    ]);
    expect(errors.map((error) => error.message)).toEqual(['Price 12.35 EUR/MWh is not on the 0.1 EUR/MWh tick of DE_LU', 'Price 4,000.5 EUR/MWh is above the cap of 4,000 EUR/MWh']);
    expect(errors.every((error) => error.severity === 'error')).toBe(true);
    const pjm = curveErrors(catalogueZone('PJM'), [{ price: 1500, volume: -5 }], 'sell');
    expect(pjm.map((error) => error.message)).toEqual(['Price 1,500 USD/MWh is above the cap of 1,000 USD/MWh (up to 2,000 USD/MWh only with a verified cost-based offer)']);
  });
});

describe('the shape of a curve', () => {
  const epex = catalogueZone('FR');
  const nordPool = catalogueZone('NO_1');
  const caiso = catalogueZone('CAISO');

  it('rises in price, point by point', () => {
    const errors = curveErrors(epex, [
      { price: 50, volume: 10 },
      { price: 40, volume: 5 },
    ]);
    expect(findings(errors)).toEqual(['CURVE_PRICES_NOT_ASCENDING curve[0].points[1].price']);
    expect(errors[0]?.message).toBe('Prices rise along a curve: 40 EUR/MWh comes after 50 EUR/MWh');
  });

  it('never buys more, or sells less, at a higher price', () => {
    expect(findings(curveErrors(epex, [{ price: 10, volume: 5 }, { price: 20, volume: 5 }, { price: 30, volume: 7 }]))).toEqual(['CURVE_VOLUME_RISING curve[0].points[2].volume']);
    // A supply curve in the exchanges' sign falls too: it sells more as the price rises.
    expect(curveErrors(epex, [{ price: 10, volume: -1 }, { price: 20, volume: -3 }], 'sell')).toEqual([]);
    expect(findings(curveErrors(epex, [{ price: 10, volume: -3 }, { price: 20, volume: -1 }], 'sell'))).toEqual(['CURVE_VOLUME_RISING curve[0].points[1].volume']);
    // A storage curve buys cheap and sells dear.
    expect(curveErrors(epex, [{ price: 10, volume: 4 }, { price: 90, volume: 0 }, { price: 200, volume: -4 }], 'both')).toEqual([]);
  });

  it('keeps prices strictly rising on step curves (EPEX) and adjacent prices apart (Nord Pool)', () => {
    const flat = [
      { price: 10, volume: 5 },
      { price: 10, volume: 3 },
    ];
    expect(findings(curveErrors(epex, flat))).toEqual(['CURVE_PRICES_REPEATED curve[0].points[1].price']);
    const nordic = [{ price: -500, volume: 8 }, { price: 35.5, volume: 8 }, { price: 35.5, volume: 2 }, { price: 4000, volume: 0 }];
    const errors = curveErrors(nordPool, nordic);
    expect(findings(errors)).toEqual(['CURVE_PRICES_REPEATED curve[0].points[2].price']);
    expect(errors[0]?.message).toBe('Two adjacent points at 35.5 EUR/MWh: NO_1 takes no two adjacent points at one price');
  });

  it('spans the whole price range on full-range curves (Nord Pool), and only there', () => {
    const inside = [
      { price: 0, volume: 5 },
      { price: 100, volume: 1 },
    ];
    expect(findings(curveErrors(nordPool, inside))).toEqual(['CURVE_NOT_FULL_RANGE curve[0].points[0].price', 'CURVE_NOT_FULL_RANGE curve[0].points[1].price']);
    expect(curveErrors(nordPool, inside).map((error) => error.message)).toEqual([
      'A NO_1 curve starts at the floor of -500 EUR/MWh, not at 0 EUR/MWh',
      'A NO_1 curve ends at the cap of 4,000 EUR/MWh, not at 100 EUR/MWh',
    ]);
    expect(curveErrors(epex, inside)).toEqual([]);
  });

  it('adds quantity at every step of a US monotonic staircase, and takes a single segment', () => {
    expect(curveErrors(caiso, [{ price: 25, volume: -10 }], 'sell')).toEqual([]);
    const flatStep = [
      { price: 20, volume: -10 },
      { price: 30, volume: -10 },
    ];
    expect(findings(curveErrors(caiso, flatStep, 'sell'))).toEqual(['CURVE_NOT_MONOTONIC curve[0].points[1].volume']);
    expect(curveErrors(epex, flatStep, 'sell')).toEqual([]);
    expect(findings(curveErrors(caiso, [{ price: 20, volume: -5 }, { price: 20, volume: -10 }], 'sell'))).toEqual(['CURVE_PRICES_REPEATED curve[0].points[1].price']);
  });

  it('has between the zone’s minimum and maximum of points', () => {
    expect(findings(curveErrors(epex, [{ price: 10, volume: 5 }]))).toEqual(['CURVE_TOO_FEW_POINTS curve[0].points']);
    expect(curveErrors(caiso, ladder(caiso, 11), 'buy')[0]?.message).toBe('A CAISO curve takes at most 10 points in a period; period 1 has 11');
  });

  it('lists each period once', () => {
    const points = ladder(epex, 2);
    const draft = curveDraft(epex, { curve: [{ period: 5, points }, { period: 6, points }, { period: 5, points }] });
    expect(findings(validateBid(draft, ruleContext(epex)).errors)).toEqual(['PERIOD_DUPLICATE curve[2].period']);
  });
});
