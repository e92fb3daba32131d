/** One point of a price duration curve: `hours` hours of the period were priced at `price` or more. */
export interface DurationPoint {
  hours: number;
  price: number;
}

/**
 * The price duration curve of hourly prices: prices from the highest to the lowest, the k-th
 * (1-based) at `hours` = k. Longer than `maxPoints`, it keeps `maxPoints` ranks evenly spaced
 * from the first to the last (both ends, the maximum and the minimum, always kept), which a
 * chart a few hundred pixels wide cannot tell from the full curve.
 */
export function durationCurve(prices: ArrayLike<number>, maxPoints: number): DurationPoint[] {
  if (!Number.isInteger(maxPoints) || maxPoints < 2) throw new RangeError(`a duration curve needs at least 2 points, not ${String(maxPoints)}`);
  const descending = Float64Array.from(prices).sort().reverse();
  const n = descending.length;
  const kept = Math.min(n, maxPoints);
  return Array.from({ length: kept }, (_, k) => {
    const rank = n <= maxPoints ? k : Math.round((k * (n - 1)) / (maxPoints - 1));
    return { hours: rank + 1, price: descending[rank] ?? Number.NaN };
  });
}
