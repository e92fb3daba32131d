import { MAD_TO_SIGMA, median, medianAbsoluteDeviation } from './quantiles.js';

/**
 * Robust z-scores of residuals: (r - median) / (1.4826 x MAD), the median and the MAD taken over
 * the two weeks around each day, so a calm month and a crisis month are each measured against
 * their own spread. A normal sample gives ordinary z-scores; a heavy-tailed one (power prices)
 * does not inflate its own scale with its outliers as a standard deviation would.
 */

const DAY_HOURS = 24;
/** Days either side of a day whose residuals give its centre and scale. */
const SCALE_HALF_WINDOW_DAYS = 7;
/** sqrt(pi / 2): scales a mean absolute deviation to the standard deviation of a normal sample. */
const MEAN_AD_TO_SIGMA = 1.2533141373155001;

/**
 * The spread of residuals around their centre: 1.4826 x MAD, or, when more than half of them sit
 * on the centre (a MAD of 0: a flat stretch of prices), 1.2533 x the mean absolute deviation
 * (Iglewicz and Hoaglin's fallback); NaN when every residual is the centre (nothing to score against).
 */
export function robustScale(residuals: ArrayLike<number>, center: number): number {
  const mad = medianAbsoluteDeviation(residuals, center);
  if (mad > 0) return MAD_TO_SIGMA * mad;
  let sum = 0;
  let count = 0;
  for (let i = 0; i < residuals.length; i += 1) {
    const value = residuals[i] ?? Number.NaN;
    if (!Number.isFinite(value)) continue;
    sum += Math.abs(value - center);
    count += 1;
  }
  const meanDeviation = count === 0 ? 0 : sum / count;
  return meanDeviation > 0 ? MEAN_AD_TO_SIGMA * meanDeviation : Number.NaN;
}

/** The robust z-score of each residual against a scale of at least `minimumScale` (NaN where the residual is missing or has no scale). */
export function robustScores(residuals: Float64Array, minimumScale = 0): Float64Array {
  const scores = new Float64Array(residuals.length).fill(Number.NaN);
  const days = Math.ceil(residuals.length / DAY_HOURS);
  for (let day = 0; day < days; day += 1) {
    const window = residuals.subarray(Math.max(0, (day - SCALE_HALF_WINDOW_DAYS) * DAY_HOURS), Math.min(residuals.length, (day + SCALE_HALF_WINDOW_DAYS + 1) * DAY_HOURS));
    const center = median(window);
    const scale = Math.max(robustScale(window, center), minimumScale);
    for (let t = day * DAY_HOURS; t < Math.min(residuals.length, (day + 1) * DAY_HOURS); t += 1) scores[t] = ((residuals[t] ?? Number.NaN) - center) / scale;
  }
  return scores;
}
