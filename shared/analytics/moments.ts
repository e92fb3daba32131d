/**
 * Means and spreads of series that may have missing values (NaN): each function uses the
 * finite values only and answers null when there are too few for the figure to mean anything.
 */

/** The arithmetic mean of the finite values; null when there are none. */
export function mean(values: ArrayLike<number>): number | null {
  let sum = 0;
  let count = 0;
  for (let i = 0; i < values.length; i += 1) {
    const value = values[i];
    if (value === undefined || !Number.isFinite(value)) continue;
    sum += value;
    count += 1;
  }
  return count === 0 ? null : sum / count;
}

/**
 * The sample standard deviation (n - 1 in the denominator) of the finite values, by Welford's
 * running update (no cancellation when prices are large beside their spread); null below two values.
 */
export function sampleStandardDeviation(values: ArrayLike<number>): number | null {
  let count = 0;
  let average = 0;
  let squares = 0;
  for (let i = 0; i < values.length; i += 1) {
    const value = values[i];
    if (value === undefined || !Number.isFinite(value)) continue;
    count += 1;
    const delta = value - average;
    average += delta / count;
    squares += delta * (value - average);
  }
  return count < 2 ? null : Math.sqrt(squares / (count - 1));
}

/**
 * Changes from one step to the next, x[t] - x[t-1], where both are present (NaN otherwise):
 * a gap never becomes one large change. The first entry is NaN.
 */
export function stepChanges(values: ArrayLike<number>): Float64Array {
  const changes = new Float64Array(values.length).fill(Number.NaN);
  for (let t = 1; t < values.length; t += 1) changes[t] = (values[t] ?? Number.NaN) - (values[t - 1] ?? Number.NaN);
  return changes;
}
