/**
 * Correlation of two series aligned step by step (the same hours), missing values NaN. Each
 * coefficient uses the steps where both series have a value (pairwise complete), and is null
 * when fewer than MIN_PAIRS remain or either side does not vary: no number is better than a
 * made-up one.
 */

/** Fewer common values than this and a coefficient says nothing. */
export const MIN_PAIRS = 3;

/** The steps where both series have a finite value, as two dense arrays. */
function commonValues(x: ArrayLike<number>, y: ArrayLike<number>, lag = 0): [Float64Array, Float64Array] {
  const xs: number[] = [];
  const ys: number[] = [];
  for (let t = Math.max(0, -lag); t < x.length && t + lag < y.length; t += 1) {
    const a = x[t];
    const b = y[t + lag];
    if (a === undefined || b === undefined || !Number.isFinite(a) || !Number.isFinite(b)) continue;
    xs.push(a);
    ys.push(b);
  }
  return [Float64Array.from(xs), Float64Array.from(ys)];
}

/**
 * Ranks 1..n of the values, ties sharing the mean of the ranks they span (so Spearman's rho is
 * Pearson's r of the ranks, the usual definition with ties).
 */
export function averageRanks(values: Float64Array): Float64Array {
  const order = Array.from(values.keys()).sort((a, b) => (values[a] ?? 0) - (values[b] ?? 0));
  const ranks = new Float64Array(values.length);
  let start = 0;
  while (start < order.length) {
    let end = start;
    while (end + 1 < order.length && values[order[end + 1] ?? 0] === values[order[start] ?? 0]) end += 1;
    // Positions start..end (0-based) hold ranks start+1..end+1; each gets their mean.
    const rank = (start + end) / 2 + 1;
    for (let k = start; k <= end; k += 1) ranks[order[k] ?? 0] = rank;
    start = end + 1;
  }
  return ranks;
}

/**
 * Pearson's r over the steps where both have values; `lag` pairs x[t] with y[t + lag]. One pass
 * with Welford's updates of the means and co-moments (as accurate as two passes, and no copies:
 * a cross-market analysis asks for thousands of these on the engine's thread).
 */
export function pearson(x: ArrayLike<number>, y: ArrayLike<number>, lag = 0): number | null {
  let n = 0;
  let meanX = 0;
  let meanY = 0;
  let sxy = 0;
  let sxx = 0;
  let syy = 0;
  for (let t = Math.max(0, -lag), end = Math.min(x.length, y.length - lag); t < end; t += 1) {
    const a = x[t] as number;
    const b = y[t + lag] as number;
    if (!Number.isFinite(a) || !Number.isFinite(b)) continue;
    n += 1;
    const dx = a - meanX;
    const dy = b - meanY;
    const step = 1 / n;
    meanX += dx * step;
    meanY += dy * step;
    sxx += dx * (a - meanX);
    syy += dy * (b - meanY);
    sxy += dx * (b - meanY);
  }
  if (n < MIN_PAIRS || sxx === 0 || syy === 0) return null;
  // Rounding can carry |r| a hair past 1 for perfectly linear data.
  return Math.max(-1, Math.min(1, sxy / Math.sqrt(sxx * syy)));
}

/** Spearman's rho (Pearson's r of the average ranks) over the steps where both have values. */
export function spearman(x: ArrayLike<number>, y: ArrayLike<number>, lag = 0): number | null {
  const [xs, ys] = commonValues(x, y, lag);
  return pearson(averageRanks(xs), averageRanks(ys));
}

/** A series and the average ranks of its values over the steps it has (NaN where it has none). */
export interface RankedSeries {
  readonly values: ArrayLike<number>;
  readonly ranks: Float64Array;
}

/** Ranks a series once for Spearman's rho against many others (spearmanOfRanked). */
export function ranked(values: ArrayLike<number>): RankedSeries {
  const steps: number[] = [];
  for (let t = 0; t < values.length; t += 1) if (Number.isFinite(values[t])) steps.push(t);
  const own = averageRanks(Float64Array.from(steps, (t) => values[t] as number));
  const ranks = new Float64Array(values.length).fill(Number.NaN);
  steps.forEach((t, k) => (ranks[t] = own[k] as number));
  return { values, ranks };
}

/** Whether the two series have a value at the same steps. */
function sameSteps(x: ArrayLike<number>, y: ArrayLike<number>): boolean {
  if (x.length !== y.length) return false;
  for (let t = 0; t < x.length; t += 1) if (Number.isFinite(x[t]) !== Number.isFinite(y[t])) return false;
  return true;
}

/**
 * spearman(x.values, y.values), ranking neither again where both have values at the same steps
 * (the common steps are then each one's own): a matrix of n zones ranks n series, not n(n-1).
 * Sorting for ranks was most of a cross-market analysis's time on the engine's thread.
 */
export function spearmanOfRanked(x: RankedSeries, y: RankedSeries): number | null {
  return sameSteps(x.values, y.values) ? pearson(x.ranks, y.ranks) : spearman(x.values, y.values);
}

/** The lag of largest |r| (the earliest on a tie); null when no lag has a coefficient. */
export function strongestLag(lags: readonly number[], coefficients: readonly (number | null)[]): { lag: number; r: number } | null {
  let best: { lag: number; r: number } | null = null;
  coefficients.forEach((r, index) => {
    const lag = lags[index];
    if (r === null || lag === undefined) return;
    if (best === null || Math.abs(r) > Math.abs(best.r)) best = { lag, r };
  });
  return best;
}
