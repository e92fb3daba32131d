import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { CurvePoint } from '../api/bids.js';
import { curveVolumeAt, curveVolumeKw, type CurveKind, type ExactPoint } from './curve-at-price.js';

const curve = (...pairs: [number, number][]): CurvePoint[] => pairs.map(([price, volume]) => ({ price, volume }));
const readings = (points: CurvePoint[], kind: CurveKind, prices: number[]): number[] => prices.map((price) => curveVolumeAt(points, kind, price));

describe('a step curve at a clearing price', () => {
  it('buys the volume of the first point at or above the price', () => {
    const buy = curve([0, 10], [50, 6], [100, 0]);
    expect(readings(buy, 'step', [20, 50, 50.01, 99.99, 100])).toEqual([6, 6, 0, 0, 0]);
  });

  it('sells the volume of the last point at or below the price', () => {
    const sell = curve([0, 0], [40, -5], [80, -12]);
    expect(readings(sell, 'step', [20, 39.99, 40, 79.99, 80])).toEqual([0, 0, -5, -5, -12]);
  });

  it('gives the end point’s volume outside the curve’s price range', () => {
    expect(readings(curve([0, 10], [50, 6], [100, 2]), 'step', [-500, -0.01, 100.01, 4000])).toEqual([10, 10, 2, 2]);
    expect(readings(curve([-20, -3], [40, -5]), 'step', [-500, 4000])).toEqual([-3, -5]);
  });

  it('reads a storage curve (side both) crossing zero on its in-the-money side of each step', () => {
    // Buy 10 MW up to 30, sell 10 MW from 60, the steps written as vertical pairs.
    const storage = curve([-500, 10], [30, 10], [30, 0], [60, 0], [60, -10], [4000, -10]);
    expect(readings(storage, 'step', [-500, 29.99, 30, 30.01, 45, 59.99, 60, 4000])).toEqual([10, 10, 10, 0, 0, 0, -10, -10]);
    // Crossing zero between two points: neither the buy (up to 0) nor the sell (from 100) is in the money between them.
    expect(readings(curve([0, 8], [100, -8]), 'step', [0, 0.01, 50, 99.99, 100])).toEqual([8, 0, 0, 0, -8]);
  });

  it('nets a buy and a sell step at the same price when the clearing price is exactly there', () => {
    expect(curveVolumeAt(curve([40, 10], [40, -4]), 'step', 40)).toBe(6);
  });
});

describe('a linear curve at a clearing price', () => {
  // Nord Pool's published example: buy 50 MW up to 50, sell 10 MW from 55.1 and 30 MW from 60.1.
  const nordPool = curve([-500, 50], [50, 50], [50.1, 0], [55, 0], [55.1, -10], [60, -10], [60.1, -30], [4000, -30]);

  it('interpolates between adjacent points', () => {
    expect(readings(nordPool, 'linear', [55.05, 50.05, 50.02, 60.09])).toEqual([-5, 25, 40, -28]);
    expect(curveVolumeAt(curve([0, 8], [100, -8]), 'linear', 25)).toBe(4);
  });

  it('gives a point’s volume exactly at its price, and the end points’ outside the range', () => {
    expect(readings(nordPool, 'linear', [-500, 50, 50.1, 55, 60.1, 4000])).toEqual([50, 50, 0, 0, -30, -30]);
    expect(readings(curve([10, 5], [20, 1]), 'linear', [-500, 9.99, 20.01, 4000])).toEqual([5, 5, 1, 1]);
  });

  it('rounds the interpolated volume once, to the kW, half away from zero', () => {
    // 8 x 87.66/100 - 8 x 12.34/100 = 6.0256 MW
    expect(curveVolumeAt(curve([0, 8], [100, -8]), 'linear', 12.34)).toBe(6.026);
    // Half a kW either side of zero.
    expect(curveVolumeAt(curve([0, 0.001], [0.02, 0]), 'linear', 0.01)).toBe(0.001);
    expect(curveVolumeAt(curve([0, 0], [0.02, -0.001]), 'linear', 0.01)).toBe(-0.001);
    expect(curveVolumeAt(curve([0, 0.003], [0.04, 0]), 'linear', 0.01)).toBe(0.002);
  });
});

describe('curve readings, for any curve', () => {
  const KINDS: CurveKind[] = ['step', 'linear'];
  // Prices in cents within the widest limits of the catalogue, volumes in kW up to 1 GW; sorted
  // by price (ties allowed) with volumes non-increasing, as the bid rules require.
  const pairs = fc.array(fc.tuple(fc.integer({ min: -100_000, max: 500_000 }), fc.integer({ min: -1_000_000, max: 1_000_000 })), { minLength: 1, maxLength: 12 });
  const sortedCurve = (drawn: [number, number][]): ExactPoint[] => {
    const prices = drawn.map(([priceMinor]) => priceMinor).sort((a, b) => a - b);
    const volumes = drawn.map(([, volumeKw]) => volumeKw).sort((a, b) => b - a);
    return prices.map((priceMinor, index) => ({ priceMinor, volumeKw: volumes[index] ?? 0 }));
  };
  const exactCurve = pairs.map(sortedCurve);
  const price = fc.integer({ min: -200_000, max: 600_000 });
  const kind = fc.constantFrom(...KINDS);

  it('stays between the curve’s smallest and largest volume', () => {
    fc.assert(
      fc.property(exactCurve, kind, price, (points, curveKind, priceMinor) => {
        const volumes = points.map((point) => point.volumeKw);
        const cleared = curveVolumeKw(points, curveKind, priceMinor);
        expect(cleared).toBeGreaterThanOrEqual(Math.min(...volumes));
        expect(cleared).toBeLessThanOrEqual(Math.max(...volumes));
        expect(Number.isInteger(cleared)).toBe(true);
      }),
    );
  });

  it('buys less and sells more as the price rises', () => {
    fc.assert(
      fc.property(exactCurve, kind, price, price, (points, curveKind, a, b) => {
        const [low, high] = a <= b ? [a, b] : [b, a];
        expect(curveVolumeKw(points, curveKind, high)).toBeLessThanOrEqual(curveVolumeKw(points, curveKind, low));
      }),
    );
  });

  it('reads a one-sided step curve (buy or sell) as one of its points’ volumes', () => {
    const sign = (sells: boolean, volumeKw: number): number => (sells ? -Math.abs(volumeKw) : Math.abs(volumeKw));
    const oneSided = fc.tuple(pairs, fc.boolean()).map(([drawn, sells]) => sortedCurve(drawn.map(([priceMinor, volumeKw]) => [priceMinor, sign(sells, volumeKw)])));
    fc.assert(
      fc.property(oneSided, price, (points, priceMinor) => {
        expect(points.map((point) => point.volumeKw)).toContain(curveVolumeKw(points, 'step', priceMinor));
      }),
    );
  });

  it('reads a step curve crossing zero as a point’s volume, nothing, or the net of two points at exactly the price', () => {
    fc.assert(
      fc.property(exactCurve, price, (points, priceMinor) => {
        const cleared = curveVolumeKw(points, 'step', priceMinor);
        const atPrice = points.filter((point) => point.priceMinor === priceMinor).map((point) => point.volumeKw);
        const nets = atPrice.flatMap((buy) => atPrice.map((sell) => buy + sell));
        expect([0, ...points.map((point) => point.volumeKw), ...nets]).toContain(cleared);
      }),
    );
  });

  it('reads a linear curve with distinct prices as each point’s volume at its price', () => {
    const distinct = exactCurve.filter((points) => points.every((point, index) => index === 0 || point.priceMinor !== points[index - 1]?.priceMinor));
    fc.assert(
      fc.property(distinct, (points) => {
        for (const point of points) expect(curveVolumeKw(points, 'linear', point.priceMinor)).toBe(point.volumeKw);
      }),
    );
  });
});
