import { median, sampleQuantile } from './quantiles.js';
import { wallClockHours } from './wall-clock-hours.js';

/**
 * The expected value of each hour of an hourly price series: a robust seasonal decomposition
 * in the spirit of STL, with medians where STL fits loess curves, so that the spikes it is
 * meant to find do not bend the baseline they are measured against.
 *
 * 1. Trend: the median of the day centred on the hour (24 hours), which holds one of every hour
 *    of the day and so carries no daily shape of its own, yet follows a windy or a cold spell
 *    within a day (a week's median did not: on 8-week windows of DE_LU, FR and NL prices it
 *    flagged more hours, and missed spikes injected into the 2023 prices).
 * 2. Season: the median of (price - trend) at the same hour of the week on the zone's clock in
 *    the two weeks before and after (five values, the hour itself included), so a season that
 *    drifts (solar noon dips deepening in spring) is followed. A series shorter than three weeks
 *    has too few weeks for that: the same hour of the day three days either side is used instead.
 * 3. Expected = trend + season.
 *
 * Missing hours are NaN and simply absent from every median; an hour with too few neighbours
 * for a trend gets a NaN expectation and is never scored.
 */

export const WEEK_HOURS = 168;
const DAY_HOURS = 24;
const TREND_HOURS = DAY_HOURS;
/** A trend from less than half of its day would follow the daily shape instead. */
const MIN_TREND_HOURS = DAY_HOURS / 2;
/** Three weeks give the weekly season at least three values per hour of the week. */
export const MIN_WEEKLY_HOURS = 3 * WEEK_HOURS;
const WEEKLY_NEIGHBOURS = [-2, -1, 0, 1, 2];
const DAILY_NEIGHBOURS = [-3, -2, -1, 0, 1, 2, 3];

/** The first position in ascending `sorted` whose value is not below `value`. */
function lowerBound(sorted: readonly number[], value: number): number {
  let low = 0;
  let high = sorted.length;
  while (low < high) {
    const middle = (low + high) >>> 1;
    if ((sorted[middle] as number) < value) low = middle + 1;
    else high = middle;
  }
  return low;
}

/**
 * Rolling median over `window` steps centred on each step (kept whole at the ends of the series:
 * shifted inward rather than cut, so the first hours' trend is a day's median and not a night's),
 * of the finite values; NaN where fewer than `minimum` of them. The window's finite values are
 * kept sorted as it slides (one value in, one out, each placed by binary search) rather than
 * sorted afresh at every step: that sorting was a third of an anomaly report's time.
 */
export function rollingMedian(values: Float64Array, window: number, minimum: number): Float64Array {
  const half = Math.floor(window / 2);
  const result = new Float64Array(values.length);
  const sorted: number[] = [];
  let start = 0;
  let end = 0;
  for (let t = 0; t < values.length; t += 1) {
    // Both ends only move forward: the window's start is clamped to the series, never back.
    const from = Math.max(0, Math.min(t - half, values.length - window));
    const to = Math.min(values.length, from + window);
    for (; end < to; end += 1) {
      const value = values[end] as number;
      if (Number.isFinite(value)) sorted.splice(lowerBound(sorted, value), 0, value);
    }
    for (; start < from; start += 1) {
      const value = values[start] as number;
      if (Number.isFinite(value)) sorted.splice(lowerBound(sorted, value), 1);
    }
    result[t] = sorted.length < minimum ? Number.NaN : sampleQuantile(sorted, 0.5);
  }
  return result;
}

/** The hour index of each wall-clock hour of the series (the first, for the hour that repeats when clocks go back). */
function indexOfWallHours(wallHours: Float64Array): Map<number, number> {
  const indexOf = new Map<number, number>();
  wallHours.forEach((wall, t) => {
    if (!indexOf.has(wall)) indexOf.set(wall, t);
  });
  return indexOf;
}

/**
 * The expected price of each hour of `values` (hour t starts at start + t hours, UTC), by the
 * decomposition above on the clock of `timeZone`.
 */
export function seasonalBaseline(values: Float64Array, start: number, timeZone: string): Float64Array {
  const trend = rollingMedian(values, TREND_HOURS, MIN_TREND_HOURS);
  const detrended = values.map((value, t) => value - (trend[t] ?? Number.NaN));
  const weekly = values.length >= MIN_WEEKLY_HOURS;
  const [neighbours, period] = weekly ? [WEEKLY_NEIGHBOURS, WEEK_HOURS] : [DAILY_NEIGHBOURS, DAY_HOURS];
  const wallHours = wallClockHours(start, values.length, timeZone);
  const indexOf = indexOfWallHours(wallHours);
  const expected = new Float64Array(values.length);
  const same: number[] = [];
  for (let t = 0; t < values.length; t += 1) {
    same.length = 0;
    for (const k of neighbours) {
      const s = indexOf.get((wallHours[t] ?? Number.NaN) + k * period);
      if (s !== undefined) same.push(detrended[s] ?? Number.NaN);
    }
    expected[t] = (trend[t] ?? Number.NaN) + median(same);
  }
  return expected;
}
