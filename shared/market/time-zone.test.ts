import { describe, expect, it } from 'vitest';
import { dayStart, localDate, nextDay, offsetSegments, utcOffsetMs, wallClockToUtc } from './time-zone.js';

const at = (iso: string): number => Date.parse(iso);
const iso = (ms: number): string => new Date(ms).toISOString();
const HOUR = 3_600_000;

describe('a zone’s wall clock', () => {
  it('reads the UTC offset, summer and winter, east and west', () => {
    expect(utcOffsetMs('Europe/Berlin', at('2026-01-15T12:00:00Z'))).toBe(HOUR);
    expect(utcOffsetMs('Europe/Berlin', at('2026-07-15T12:00:00Z'))).toBe(2 * HOUR);
    expect(utcOffsetMs('Europe/Helsinki', at('2026-07-15T12:00:00Z'))).toBe(3 * HOUR);
    expect(utcOffsetMs('America/Los_Angeles', at('2026-01-15T12:00:00Z'))).toBe(-8 * HOUR);
    expect(utcOffsetMs('UTC', at('2026-01-15T12:00:00Z'))).toBe(0);
    expect(utcOffsetMs('Asia/Kolkata', at('2026-01-15T12:00:00Z'))).toBe(5.5 * HOUR);
  });

  it('starts delivery days at local midnight: 23 hours in spring, 25 in autumn', () => {
    expect(iso(dayStart('Europe/Berlin', '2026-03-29'))).toBe('2026-03-28T23:00:00.000Z');
    expect(dayStart('Europe/Berlin', '2026-03-30') - dayStart('Europe/Berlin', '2026-03-29')).toBe(23 * HOUR);
    expect(dayStart('Europe/Berlin', '2026-10-26') - dayStart('Europe/Berlin', '2026-10-25')).toBe(25 * HOUR);
    expect(iso(dayStart('America/New_York', '2026-11-01'))).toBe('2026-11-01T04:00:00.000Z');
    expect(nextDay('2026-02-28')).toBe('2026-03-01');
    expect(nextDay('2028-02-28')).toBe('2028-02-29');
    expect(localDate('Europe/Berlin', at('2026-03-28T23:00:00Z'))).toBe('2026-03-29');
    expect(localDate('America/Chicago', at('2026-03-29T03:00:00Z'))).toBe('2026-03-28');
  });

  it('takes a time shown twice at its first occurrence and a skipped time after the gap', () => {
    // Autumn: 02:30 happens at 00:30Z (summer time) and again at 01:30Z.
    expect(iso(wallClockToUtc('Europe/Berlin', at('2026-10-25T02:30:00Z')))).toBe('2026-10-25T00:30:00.000Z');
    // Spring: 02:30 does not exist; 03:30 summer time is 01:30Z.
    expect(iso(wallClockToUtc('Europe/Berlin', at('2026-03-29T02:30:00Z')))).toBe('2026-03-29T01:30:00.000Z');
    expect(iso(wallClockToUtc('America/Los_Angeles', at('2026-03-08T02:00:00Z')))).toBe('2026-03-08T10:00:00.000Z');
  });

  it('finds each clock change of a range to the millisecond', () => {
    const segments = offsetSegments('Europe/Berlin', at('2026-01-01T00:00:00Z'), at('2027-01-01T00:00:00Z'));
    expect(segments.map((segment) => [iso(segment.startsAt), segment.offsetMs / HOUR])).toEqual([
      ['2026-01-01T00:00:00.000Z', 1],
      ['2026-03-29T01:00:00.000Z', 2],
      ['2026-10-25T01:00:00.000Z', 1],
    ]);
    expect(offsetSegments('Europe/Berlin', at('2026-04-01T00:00:00Z'), at('2026-10-25T01:00:00Z'))).toHaveLength(1);
    expect(offsetSegments('Asia/Kolkata', at('2020-01-01T00:00:00Z'), at('2030-01-01T00:00:00Z'))).toEqual([{ startsAt: at('2020-01-01T00:00:00Z'), offsetMs: 5.5 * HOUR }]);
  });
});
