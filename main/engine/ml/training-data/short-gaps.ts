import { HOURS_PER_DAY } from '../daily-series.js';

/**
 * Gaps of a few hours (a feed hiccup, an hour missing from an import) are bridged by a straight
 * line between the hours either side; longer gaps are not guessed at: the caller refuses the
 * range and names the days. Three hours: short enough that a line is a fair stand-in inside a
 * day's shape, too short to invent a peak.
 */
export const MAX_INTERPOLATED_HOURS = 3;

/** Fills, in place, each run of at most MAX_INTERPOLATED_HOURS NaNs that has a value on both sides; returns the days still holding a NaN. */
export function fillShortGaps(values: Float64Array): number[] {
  const stillMissing = new Set<number>();
  for (let i = 0; i < values.length; i++) {
    if (!Number.isNaN(values[i]!)) continue;
    let end = i;
    while (end < values.length && Number.isNaN(values[end]!)) end++;
    const before = i - 1;
    if (before >= 0 && end < values.length && end - i <= MAX_INTERPOLATED_HOURS) {
      const step = (values[end]! - values[before]!) / (end - before);
      for (let j = i; j < end; j++) values[j] = values[before]! + step * (j - before);
    } else {
      for (let j = i; j < end; j++) stillMissing.add(Math.floor(j / HOURS_PER_DAY));
    }
    i = end;
  }
  return [...stillMissing];
}
