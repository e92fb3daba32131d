import { HOUR_MS, offsetSegments } from '../market/time-zone.js';

/**
 * The zone's wall-clock hour of each hour of an hourly series (hour t starts at start + t hours,
 * UTC), as hours since 1970-01-01 00:00 on the zone's clock: the hour that repeats when clocks go
 * back appears twice, the one skipped in spring never. The timezone database is read once per
 * clock change, not once per hour (at 8 784 hours a year that is most of an analysis' time).
 */
export function wallClockHours(start: number, length: number, timeZone: string): Float64Array {
  const hours = new Float64Array(length);
  const segments = offsetSegments(timeZone, start, start + length * HOUR_MS);
  let segment = 0;
  for (let t = 0; t < length; t += 1) {
    const at = start + t * HOUR_MS;
    while ((segments[segment + 1]?.startsAt ?? Number.POSITIVE_INFINITY) <= at) segment += 1;
    hours[t] = Math.floor((at + (segments[segment]?.offsetMs ?? 0)) / HOUR_MS);
  }
  return hours;
}

/** Day of the week of a wall-clock hour, 0 = Monday .. 6 = Sunday (1970-01-01 was a Thursday). */
export const weekdayOfWallHour = (wallHour: number): number => (Math.floor(wallHour / 24) + 3) % 7;

/** Hour of the day (0-23) of a wall-clock hour. */
export const hourOfWallHour = (wallHour: number): number => ((wallHour % 24) + 24) % 24;
