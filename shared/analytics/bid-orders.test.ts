import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { curveVolumeKw, type CurveKind, type ExactPoint } from '../bids/curve-at-price.js';
import { acceptedBlockSurplus, clearedShare, curveOrders, isPriceTaking, orderPrice, orderSurplus, type PricedOrder } from './bid-orders.js';

const LIMITS = { floorMinor: -50_000, capMinor: 400_000 };
const points = (...pairs: [number, number][]): ExactPoint[] => pairs.map(([priceMinor, volumeKw]) => ({ priceMinor, volumeKw }));
const order = (lowMinor: number, highMinor: number, volumeKw: number): PricedOrder => ({ lowMinor, highMinor, volumeKw });
const clearedKw = (orders: readonly PricedOrder[], priceMinor: number): number => orders.reduce((sum, o) => sum + o.volumeKw * clearedShare(o, priceMinor), 0);

describe('a curve as its orders', () => {
  it('splits a step buy curve into the volume dropped at each price, the last volume bought up to the cap', () => {
    // Buys 5 MW up to 10.00 and 1.5 MW at any price above (the end volume holds).
    const orders = curveOrders(points([1000, 5000], [6000, 1500]), 'step', LIMITS);
    expect(orders).toEqual([order(1000, 1000, 3500), order(400_000, 400_000, 1500)]);
    expect(orders.map((o) => isPriceTaking(o, LIMITS))).toEqual([false, true]);
    expect([500, 1000, 3000].map((p) => clearedKw(orders, p))).toEqual([5000, 5000, 1500]);
  });

  it('splits a storage step curve into buys below and sells above', () => {
    const orders = curveOrders(points([1000, 3000], [5000, 1000], [6000, -2000], [9000, -5000]), 'step', LIMITS);
    expect(orders).toEqual([order(1000, 1000, 2000), order(5000, 5000, 1000), order(6000, 6000, -2000), order(9000, 9000, -3000)]);
    expect([3000, 5500, 7000, 9500].map((p) => clearedKw(orders, p))).toEqual([1000, 0, -2000, -5000]);
  });

  it('spreads a linear segment’s volume over its prices, split where the curve crosses zero', () => {
    // Buys 2 MW at 10.00 falling to selling 2 MW at 50.00: zero at 30.00.
    const orders = curveOrders(points([1000, 2000], [5000, -2000]), 'linear', LIMITS);
    expect(orders).toEqual([order(1000, 3000, 2000), order(3000, 5000, -2000)]);
    expect([2000, 3000, 4000].map((p) => clearedKw(orders, p))).toEqual([1000, 0, -1000]);
    expect(orders.map(orderPrice)).toEqual([2000, 4000]);
  });

  it('clears exactly what the exchange’s reading of the curve clears, at every price', () => {
    const curves = fc
      .array(fc.tuple(fc.integer({ min: -40_000, max: 300_000 }), fc.integer({ min: -20_000, max: 20_000 })), { minLength: 1, maxLength: 7 })
      .map((pairs) => {
        const prices = pairs.map(([price]) => price).sort((a, b) => a - b);
        const volumes = pairs.map(([, volume]) => volume).sort((a, b) => b - a);
        return points(...prices.map((price, i): [number, number] => [price, volumes[i] ?? 0]));
      });
    fc.assert(
      fc.property(curves, fc.constantFrom<CurveKind>('step', 'linear'), fc.integer({ min: LIMITS.floorMinor, max: LIMITS.capMinor }), (curve, kind, price) => {
        const cleared = clearedKw(curveOrders(curve, kind, LIMITS), price);
        // The exchange rounds a linear reading to the kW once.
        expect(Math.abs(cleared - curveVolumeKw(curve, kind, price))).toBeLessThanOrEqual(kind === 'step' ? 1e-9 : 0.5 + 1e-6);
      }),
      { numRuns: 500, seed: 7 },
    );
  });
});

describe('what an order earns over the clearing price', () => {
  it('is cleared volume x the distance between its price and the clearing price, in the money only', () => {
    // A buy of 3.5 MW up to 10.00 cleared at 5.00 earns 3500 kW x 500 minor units per MWh.
    expect(orderSurplus(order(1000, 1000, 3500), 500)).toBe(1_750_000);
    expect(orderSurplus(order(1000, 1000, 3500), 1500)).toBe(0);
    // A sell of 4 MW from 80.10 cleared at 90.00.
    expect(orderSurplus(order(8010, 8010, -4000), 9000)).toBe(3_960_000);
    expect(orderSurplus(order(8010, 8010, -4000), 8000)).toBe(0);
  });

  it('integrates over a linear order’s prices', () => {
    // 2 MW bought at prices spread over 10.00-30.00 (1 kW per minor unit), cleared at 20.00:
    // the 1000 kW priced 20-30 earn on average 5.00: 1000 x 500.
    expect(orderSurplus(order(1000, 3000, 2000), 2000)).toBe(500_000);
    expect(orderSurplus(order(1000, 3000, 2000), 500)).toBe(2000 * 1500);
    expect(orderSurplus(order(3000, 5000, -2000), 4000)).toBe(500_000);
    expect(orderSurplus(order(3000, 5000, -2000), 2500)).toBe(0);
  });

  it('is signed for an accepted block, period by period', () => {
    expect(acceptedBlockSurplus(8000, -5000, 9000)).toBe(5_000_000);
    expect(acceptedBlockSurplus(8000, -5000, 7000)).toBe(-5_000_000);
    expect(acceptedBlockSurplus(6000, 2000, 5000)).toBe(2_000_000);
  });
});
