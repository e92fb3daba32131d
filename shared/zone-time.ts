/**
 * Wall-clock time of an IANA time zone, through the platform's own time-zone database (Intl):
 * a market's delivery hours are written in its local time, and a clock change makes one local
 * hour a year not exist and another happen twice.
 */

const HOUR_MS = 3_600_000;
// Offsets change at most once within a day of any instant in every zone the catalogue lists,
// so the offsets a day before and after a reading are the only ones it can be on.
const PROBE_MS = 24 * HOUR_MS;

const formats = new Map<string, Intl.DateTimeFormat>();

function formatOf(timeZone: string): Intl.DateTimeFormat {
  let format = formats.get(timeZone);
  if (!format) {
    format = new Intl.DateTimeFormat('en-US', { timeZone, hourCycle: 'h23', year: 'numeric', month: 'numeric', day: 'numeric', hour: 'numeric', minute: 'numeric', second: 'numeric' });
    formats.set(timeZone, format);
  }
  return format;
}

/** The wall-clock reading of an instant in a zone, as epoch milliseconds read as if it were UTC. */
export function wallClockAt(instantMs: number, timeZone: string): number {
  const part: Record<string, number> = {};
  for (const { type, value } of formatOf(timeZone).formatToParts(instantMs)) part[type] = Number(value);
  const { year = 0, month = 1, day = 1, hour = 0, minute = 0, second = 0 } = part;
  return Date.UTC(year, month - 1, day, hour, minute, second) + (instantMs % 1000 + 1000) % 1000;
}

/** The zone's offset from UTC at an instant, in milliseconds (e.g. +7,200,000 for CEST). */
export const utcOffsetAt = (instantMs: number, timeZone: string): number => wallClockAt(instantMs, timeZone) - instantMs;

/**
 * Every instant at which the zone's clocks read `wallClockMs` (a reading as if UTC), earliest
 * first: one on an ordinary day, none in the hour skipped when clocks go forward, two in the
 * hour repeated when they go back.
 */
export function instantsAtWallClock(wallClockMs: number, timeZone: string): number[] {
  const offsets = new Set([wallClockMs - PROBE_MS, wallClockMs + PROBE_MS].map((probe) => utcOffsetAt(probe, timeZone)));
  return [...offsets]
    .map((offset) => wallClockMs - offset)
    .filter((instant) => wallClockAt(instant, timeZone) === wallClockMs)
    .sort((a, b) => a - b);
}

/** An instant as the zone's clocks show it, with the offset: `2019-10-27 02:00 +02:00`. */
export function formatInZone(instantMs: number, timeZone: string): string {
  const offsetMinutes = utcOffsetAt(instantMs, timeZone) / 60_000;
  const sign = offsetMinutes < 0 ? '-' : '+';
  const hhmm = (minutes: number): string => `${String(Math.floor(minutes / 60)).padStart(2, '0')}:${String(minutes % 60).padStart(2, '0')}`;
  const wall = new Date(wallClockAt(instantMs, timeZone)).toISOString();
  return `${wall.slice(0, 10)} ${wall.slice(11, 16)} ${sign}${hhmm(Math.abs(offsetMinutes))}`;
}
