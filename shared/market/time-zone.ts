/**
 * A market zone's wall clock, from the platform's own timezone database (Intl), so the engine
 * and the renderer agree on delivery days without a date library. "Wall-clock milliseconds"
 * are the zone's local date and time read as if they were UTC: Date.UTC(2026, 2, 29) is
 * midnight of 29 March on the zone's clock, whatever instant that is.
 */
export const HOUR_MS = 3_600_000;
export const DAY_MS = 86_400_000;
/** Timezone rules change at most a couple of times a year; a week between probes finds every change. */
const PROBE_STEP_MS = 7 * DAY_MS;

const offsetFormats = new Map<string, Intl.DateTimeFormat>();
const OFFSET_NAME = /^GMT(?:([+-])(\d{2}):(\d{2}))?$/;

/** How far the zone's wall clock is ahead of UTC at an instant, in milliseconds (3 600 000 in CET). */
export function utcOffsetMs(timeZone: string, at: number): number {
  let format = offsetFormats.get(timeZone);
  if (!format) {
    format = new Intl.DateTimeFormat('en-US', { timeZone, timeZoneName: 'longOffset' });
    offsetFormats.set(timeZone, format);
  }
  const name = format.formatToParts(at).find((part) => part.type === 'timeZoneName')?.value ?? '';
  const match = OFFSET_NAME.exec(name);
  if (!match) throw new RangeError(`unexpected UTC offset "${name}" for ${timeZone}`);
  const [, sign, hours, minutes] = match;
  if (!sign) return 0;
  return (sign === '-' ? -1 : 1) * (Number(hours) * HOUR_MS + Number(minutes) * 60_000);
}

export const wallClockMs = (timeZone: string, at: number): number => at + utcOffsetMs(timeZone, at);

/**
 * The instant a wall-clock time happens in the zone. A time the clock shows twice (when it goes
 * back) is its first occurrence; a time it skips (when it goes forward) is moved forward by the
 * gap, so 02:30 on a spring-forward night is 03:30 — the same choice as Temporal's 'compatible'.
 */
export function wallClockToUtc(timeZone: string, wallMs: number): number {
  return instantsAtWallClock(timeZone, wallMs)[0] ?? wallMs - utcOffsetMs(timeZone, wallMs - DAY_MS);
}

/**
 * Every instant at which the zone's clocks read `wallMs`, earliest first: one on an ordinary
 * hour, none in the hour skipped when clocks go forward, two in the hour repeated when they go
 * back (an importer of local-time files must tell these apart).
 */
export function instantsAtWallClock(timeZone: string, wallMs: number): number[] {
  // At most one change within a day either side: the offsets before and after it.
  const offsets = new Set([utcOffsetMs(timeZone, wallMs - DAY_MS), utcOffsetMs(timeZone, wallMs + DAY_MS)]);
  return [...offsets]
    .map((offset) => wallMs - offset)
    .filter((at) => wallClockMs(timeZone, at) === wallMs)
    .sort((a, b) => a - b);
}

/** How far the zone's clock is from UTC at an instant, as ISO 8601 writes it: `+02:00`, `-03:30`. */
export function formatUtcOffset(timeZone: string, at: number): string {
  const offsetMinutes = utcOffsetMs(timeZone, at) / 60_000;
  const minutes = Math.abs(offsetMinutes);
  return `${offsetMinutes < 0 ? '-' : '+'}${String(Math.floor(minutes / 60)).padStart(2, '0')}:${String(minutes % 60).padStart(2, '0')}`;
}

/** An instant as the zone's clocks show it, with the offset: `2019-10-27 02:00 +02:00`. */
export function formatInZone(timeZone: string, at: number): string {
  const wall = new Date(wallClockMs(timeZone, at)).toISOString();
  return `${wall.slice(0, 10)} ${wall.slice(11, 16)} ${formatUtcOffset(timeZone, at)}`;
}

/**
 * The time zone database's own spelling of a time zone name ('europe/berlin' is
 * 'Europe/Berlin'), or null for a name it does not know.
 */
export function canonicalTimeZone(name: string): string | null {
  try {
    return new Intl.DateTimeFormat('en-US', { timeZone: name }).resolvedOptions().timeZone;
  } catch {
    return null;
  }
}

/** The zone's calendar date (YYYY-MM-DD) at an instant. */
export const localDate = (timeZone: string, at: number): string => new Date(wallClockMs(timeZone, at)).toISOString().slice(0, 10);

/** The instant a delivery day (YYYY-MM-DD) starts in the zone. */
export const dayStart = (timeZone: string, day: string): number => wallClockToUtc(timeZone, Date.parse(`${day}T00:00:00Z`));

/** The calendar day `days` after `day` (YYYY-MM-DD); negative goes back. */
export const shiftDay = (day: string, days: number): string => new Date(Date.parse(`${day}T00:00:00Z`) + days * DAY_MS).toISOString().slice(0, 10);

/** The delivery day after `day` (YYYY-MM-DD), by the calendar. */
export const nextDay = (day: string): string => shiftDay(day, 1);

/** From `startsAt` on (until the next segment), the zone's clock is `offsetMs` ahead of UTC. */
export interface OffsetSegment {
  startsAt: number;
  offsetMs: number;
}

/** The zone's UTC offset over [from, to): one segment, plus one per clock change in the range. */
export function offsetSegments(timeZone: string, from: number, to: number): OffsetSegment[] {
  const segments: OffsetSegment[] = [{ startsAt: from, offsetMs: utcOffsetMs(timeZone, from) }];
  let probe = from;
  while (probe < to) {
    const current = segments[segments.length - 1]?.offsetMs;
    const next = Math.min(probe + PROBE_STEP_MS, to);
    if (utcOffsetMs(timeZone, next) === current) {
      probe = next;
      continue;
    }
    // Bisect to the first millisecond on the new offset.
    let low = probe;
    let high = next;
    while (high - low > 1) {
      const middle = Math.floor((low + high) / 2);
      if (utcOffsetMs(timeZone, middle) === current) low = middle;
      else high = middle;
    }
    if (high < to) segments.push({ startsAt: high, offsetMs: utcOffsetMs(timeZone, high) });
    probe = high;
  }
  return segments;
}
