import type { CurvePoint } from '../api/bids.js';
import { kwToMw, mwToKw, priceToMinor } from '../units.js';
import { divideRoundingHalfAwayFromZero } from './exact-division.js';

export type CurveKind = 'step' | 'linear';

/** A curve point in exact units: minor units of the currency per MWh, and kW (positive buys). */
export interface ExactPoint {
  priceMinor: number;
  volumeKw: number;
}

/** A period's points in exact units; throws RangeError for a price off the cent or a volume off the kW. */
export const exactPoints = (points: readonly CurvePoint[]): ExactPoint[] => points.map(({ price, volume }) => ({ priceMinor: priceToMinor(price), volumeKw: mwToKw(volume) }));

/**
 * The volume (kW) a curve gives at a clearing price, for a price-taker (MARKET_RULES.md,
 * "Uniform-price clearing" 4). The points are sorted by price with volumes non-increasing (the
 * exchanges' convention, which the bid rules check); adjacent points may share a price (a
 * vertical step).
 *
 * Every change of volume along the curve is an order of its own that is cleared when it is in
 * the money, at the money included (as the blocks are):
 * - what is bought at a price is the volume of the first point at or above it: a buy is wanted
 *   up to its point's price, so at a higher price it is out of the money;
 * - what is sold at a price is the volume of the last point at or below it: a sell is offered
 *   from its point's price up, so at a lower price it is out of the money.
 * The cleared volume is the bought part of the first plus the sold part of the second. For a
 * buy curve (volumes >= 0) that is the first point at or above the price, for a sell curve the
 * last point at or below it; where a storage curve crosses zero between two points, nothing is
 * cleared between them. This reading puts every step on its in-the-money side, which one
 * left- or right-continuous reading of the steps cannot do for both sides at once.
 *
 * Linear curves (Nord Pool) interpolate between two points of different prices, rounded once
 * to the kW, half away from zero; at a point's price they read as the steps do.
 * Outside the curve's price range, both kinds give the end point's volume.
 */
export function curveVolumeKw(points: readonly ExactPoint[], kind: CurveKind, priceMinor: number): number {
  const first = points[0];
  const last = points.at(-1);
  if (!first || !last) throw new RangeError('a curve needs at least one point');
  const atOrAbove = points.find((point) => point.priceMinor >= priceMinor) ?? last;
  const atOrBelow = points.findLast((point) => point.priceMinor <= priceMinor) ?? first;
  if (kind === 'linear' && atOrAbove.priceMinor > priceMinor && atOrBelow.priceMinor < priceMinor) return interpolate(atOrBelow, atOrAbove, priceMinor);
  return Math.max(atOrAbove.volumeKw, 0) + Math.min(atOrBelow.volumeKw, 0);
}

/** The same in the API's units: decimal prices, MW. */
export const curveVolumeAt = (points: readonly CurvePoint[], kind: CurveKind, price: number): number =>
  kwToMw(curveVolumeKw(exactPoints(points), kind, priceToMinor(price)));

/** The volume on the straight line from `below` to `above` at `priceMinor`, strictly between their prices. */
function interpolate(below: ExactPoint, above: ExactPoint, priceMinor: number): number {
  const span = BigInt(above.priceMinor - below.priceMinor);
  const weighted = BigInt(below.volumeKw) * BigInt(above.priceMinor - priceMinor) + BigInt(above.volumeKw) * BigInt(priceMinor - below.priceMinor);
  return Number(divideRoundingHalfAwayFromZero(weighted, span));
}
