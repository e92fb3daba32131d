import { HOUR_MS, instantsAtWallClock, offsetSegments, type OffsetSegment } from '../../../../shared/market/time-zone.js';
import { HOURS_PER_DAY } from '../daily-series.js';

/**
 * Interval values (15, 30 or 60 minutes; several resolutions may be stored) laid out as whole
 * local days of 24 hours, DailySeries' layout. Each value goes to the hour its interval starts in
 * on the zone's wall clock, and each hour is the mean of its values at the finest resolution
 * stored for that hour (a partial hour: the mean of what is there). The clock changes:
 * - a 23-hour day (clocks forward) has no wall hour 02:00: that hour is filled with the hour
 *   before it (the hour after, should midnight itself be skipped);
 * - a 25-hour day (clocks back) has 02:00 twice: both occurrences fall in hour 2 and are averaged.
 * An hour with no value otherwise is left NaN: a gap, for the caller to fill or refuse.
 */

export interface TimedValue {
  start: number;
  resolutionMinutes: number;
  value: number;
}

interface HourSlot {
  resolution: number;
  sum: number;
  count: number;
}

/** The wall-clock hour (0..23) of an instant in a day whose offsets are `segments`. */
function wallHour(at: number, wallMidnight: number, segments: readonly OffsetSegment[]): number {
  let offset = segments[0]!.offsetMs;
  for (const segment of segments) if (at >= segment.startsAt) offset = segment.offsetMs;
  return Math.floor((at + offset - wallMidnight) / HOUR_MS);
}

/** Whether the zone's clock never shows hour `hour` of the day: the hour skipped when clocks go forward. */
const isSkippedHour = (timezone: string, wallMidnight: number, hour: number): boolean => instantsAtWallClock(timezone, wallMidnight + hour * HOUR_MS).length === 0;

/**
 * `values` (sorted by start, all inside the days) as days.length * 24 hourly values; `dayStarts`
 * holds each day's first instant and, last, the end of the last day.
 */
export function hourlyGrid(timezone: string, days: readonly string[], dayStarts: readonly number[], values: readonly TimedValue[]): Float64Array {
  const grid = new Float64Array(days.length * HOURS_PER_DAY).fill(Number.NaN);
  let next = 0;
  for (let d = 0; d < days.length; d++) {
    const start = dayStarts[d]!;
    const end = dayStarts[d + 1]!;
    const wallMidnight = Date.parse(`${days[d]!}T00:00:00Z`);
    const segments = offsetSegments(timezone, start, end);
    const slots: (HourSlot | undefined)[] = new Array<HourSlot | undefined>(HOURS_PER_DAY);
    for (; next < values.length && values[next]!.start < end; next++) {
      const { start: at, resolutionMinutes, value } = values[next]!;
      const hour = wallHour(at, wallMidnight, segments);
      const slot = slots[hour];
      if (!slot || resolutionMinutes < slot.resolution) slots[hour] = { resolution: resolutionMinutes, sum: value, count: 1 };
      else if (resolutionMinutes === slot.resolution) {
        slot.sum += value;
        slot.count += 1;
      }
    }
    const day = grid.subarray(d * HOURS_PER_DAY, (d + 1) * HOURS_PER_DAY);
    slots.forEach((slot, hour) => {
      if (slot) day[hour] = slot.sum / slot.count;
    });
    if (end - start < HOURS_PER_DAY * HOUR_MS) fillSkippedHours(timezone, wallMidnight, day);
  }
  return grid;
}

function fillSkippedHours(timezone: string, wallMidnight: number, day: Float64Array): void {
  for (let hour = 0; hour < HOURS_PER_DAY; hour++) {
    if (!Number.isNaN(day[hour]!) || !isSkippedHour(timezone, wallMidnight, hour)) continue;
    day[hour] = hour > 0 ? day[hour - 1]! : day[hour + 1]!;
  }
}
