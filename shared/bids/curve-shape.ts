import type { BidIssue, CurvePoint } from '../api/bids.js';
import type { BidTerms } from './bid-terms.js';
import { bidError, formatMw, formatPrice, pointField } from './bid-issues.js';

interface Neighbours {
  /** The index of `after`. */
  index: number;
  before: CurvePoint;
  after: CurvePoint;
}

/** The first pair of neighbouring points that fails `wrong`; null when none does. */
function firstPair(points: readonly CurvePoint[], wrong: (before: CurvePoint, after: CurvePoint) => boolean): Neighbours | null {
  for (let index = 1; index < points.length; index += 1) {
    const [before, after] = [points[index - 1], points[index]];
    if (before && after && wrong(before, after)) return { index, before, after };
  }
  return null;
}

/**
 * The shape of one period's curve as the exchange reads it: points by rising price; volume
 * never rising with the price (a demand curve buys less at higher prices; a supply curve, in
 * the exchanges' negative volumes, sells more, so it falls too); strictly rising prices on a
 * step curve (EPEX), on a curve that takes no two adjacent points at one price (Nord Pool) and
 * on a monotonic staircase; each step of a monotonic staircase (the US ISOs' "monotonically
 * increasing" offers) adds quantity; a full-range curve (Nord Pool) runs from the floor to
 * the cap. One error per rule, at the first point that breaks it: fixing it shows the next.
 */
export function curveShapeErrors(points: readonly CurvePoint[], period: number, terms: BidTerms): BidIssue[] {
  const { id, currency, curve } = terms.zone;
  const price = (value: number): string => formatPrice(value, currency);
  const errors: BidIssue[] = [];

  const falling = firstPair(points, (before, after) => after.price < before.price);
  if (falling) {
    errors.push(bidError('CURVE_PRICES_NOT_ASCENDING', pointField(period, falling.index, 'price'), `Prices rise along a curve: ${price(falling.after.price)} comes after ${price(falling.before.price)}`));
  }
  if (curve.kind === 'step' || curve.distinctAdjacentPrices || curve.monotonic === 'increasing') {
    const repeated = firstPair(points, (before, after) => after.price === before.price);
    const why = curve.kind === 'step' ? `a ${id} step curve needs a higher price at each point` : `${id} takes no two adjacent points at one price`;
    if (repeated) errors.push(bidError('CURVE_PRICES_REPEATED', pointField(period, repeated.index, 'price'), `Two adjacent points at ${price(repeated.after.price)}: ${why}`));
  }
  const rising = firstPair(points, (before, after) => after.volume > before.volume);
  if (rising) {
    const message = `Volume rises from ${formatMw(rising.before.volume)} to ${formatMw(rising.after.volume)} as the price rises: a curve buys less, or sells more, at a higher price`;
    errors.push(bidError('CURVE_VOLUME_RISING', pointField(period, rising.index, 'volume'), message));
  }
  const flat = curve.monotonic === 'increasing' ? firstPair(points, (before, after) => after.volume === before.volume) : null;
  if (flat) {
    const message = `${id} takes a monotonically increasing staircase: each point adds quantity, but ${formatMw(flat.after.volume)} repeats the volume of the point before`;
    errors.push(bidError('CURVE_NOT_MONOTONIC', pointField(period, flat.index, 'volume'), message));
  }
  return [...errors, ...fullRangeErrors(points, period, terms)];
}

/** A full-range curve (Nord Pool) has its first point at the floor and its last at the cap. */
function fullRangeErrors(points: readonly CurvePoint[], period: number, terms: BidTerms): BidIssue[] {
  const { id, currency, curve } = terms.zone;
  const [first, last] = [points[0], points[points.length - 1]];
  if (!curve.fullPriceRange || !terms.limits || !first || !last) return [];
  const { floor, cap } = terms.limits;
  const errors: BidIssue[] = [];
  if (first.price !== floor) {
    errors.push(bidError('CURVE_NOT_FULL_RANGE', pointField(period, 0, 'price'), `A ${id} curve starts at the floor of ${formatPrice(floor, currency)}, not at ${formatPrice(first.price, currency)}`));
  }
  if (last.price !== cap) {
    errors.push(bidError('CURVE_NOT_FULL_RANGE', pointField(period, points.length - 1, 'price'), `A ${id} curve ends at the cap of ${formatPrice(cap, currency)}, not at ${formatPrice(last.price, currency)}`));
  }
  return errors;
}
