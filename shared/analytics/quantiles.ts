/**
 * Order statistics on plain numbers: quantiles, the median and the median absolute deviation.
 * Pure, so the engine's analytics and the renderer compute them the same way.
 */

/**
 * The sample quantile of values sorted ascending, by linear interpolation between order
 * statistics (Hyndman and Fan's type 7, NumPy's and R's default): position level x (n - 1).
 */
export function sampleQuantile(sorted: ArrayLike<number>, level: number): number {
  if (sorted.length === 0) throw new RangeError('no values to take a quantile of');
  if (!(level >= 0 && level <= 1)) throw new RangeError(`a quantile level is between 0 and 1, not ${String(level)}`);
  const position = level * (sorted.length - 1);
  const below = Math.floor(position);
  const above = Math.min(below + 1, sorted.length - 1);
  // Indexes are inside the array by construction; NaN would only show a broken caller.
  const low = sorted[below] ?? Number.NaN;
  const high = sorted[above] ?? Number.NaN;
  return low + (position - below) * (high - low);
}

/** Ascending copy of the finite values (NaN marks a missing value and is left out). */
export function sortedFinite(values: ArrayLike<number>): Float64Array {
  const kept: number[] = [];
  for (let i = 0; i < values.length; i += 1) {
    const value = values[i];
    if (value !== undefined && Number.isFinite(value)) kept.push(value);
  }
  return Float64Array.from(kept).sort();
}

/** The median of the finite values; NaN when there are none. */
export function median(values: ArrayLike<number>): number {
  const sorted = sortedFinite(values);
  return sorted.length === 0 ? Number.NaN : sampleQuantile(sorted, 0.5);
}

/** 1 / Φ⁻¹(3/4): scales a median absolute deviation to the standard deviation of a normal sample. */
export const MAD_TO_SIGMA = 1.482602218505602;

/** The median of |x - center| over the finite values; NaN when there are none. */
export function medianAbsoluteDeviation(values: ArrayLike<number>, center: number): number {
  const deviations: number[] = [];
  for (let i = 0; i < values.length; i += 1) {
    const value = values[i];
    if (value !== undefined && Number.isFinite(value)) deviations.push(Math.abs(value - center));
  }
  return median(deviations);
}
