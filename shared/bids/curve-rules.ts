import type { BidIssue, CurvePeriod } from '../api/bids.js';
import type { BidTerms } from './bid-terms.js';
import { bidError, pointField } from './bid-issues.js';
import { curveShapeErrors } from './curve-shape.js';
import { periodErrors, repeatedPeriodErrors } from './period-rules.js';
import { priceErrors } from './price-rules.js';
import { volumeErrors } from './volume-rules.js';

/** How many points a period's curve has, against the zone's minimum and maximum (CAISO 10 segments, Nord Pool 200, EPEX 256). */
function pointCountErrors(entry: CurvePeriod, index: number, terms: BidTerms): BidIssue[] {
  const { id, curve } = terms.zone;
  const count = entry.points.length;
  const field = `curve[${index}].points`;
  if (count < curve.minPoints) return [bidError('CURVE_TOO_FEW_POINTS', field, `A ${id} curve needs at least ${curve.minPoints} points in a period; period ${entry.period} has ${count}`)];
  if (count > curve.maxPoints) return [bidError('CURVE_TOO_MANY_POINTS', field, `A ${id} curve takes at most ${curve.maxPoints} points in a period; period ${entry.period} has ${count}`)];
  return [];
}

/** Every rule of a curve order: each period once and on the day, its number of points, each point's price and volume, and its shape. */
export function curveErrors(curve: readonly CurvePeriod[], terms: BidTerms): BidIssue[] {
  return [
    ...repeatedPeriodErrors(
      curve.map((entry, i) => ({ period: entry.period, field: `curve[${i}].period` })),
      'in this curve',
    ),
    ...curve.flatMap((entry, i) => [
      ...periodErrors(entry.period, `curve[${i}].period`, terms),
      ...pointCountErrors(entry, i, terms),
      ...entry.points.flatMap((point, j) => [...priceErrors(point.price, pointField(i, j, 'price'), terms), ...volumeErrors(point.volume, pointField(i, j, 'volume'), terms)]),
      ...curveShapeErrors(entry.points, i, terms),
    ]),
  ];
}
