import { describe, expect, it } from 'vitest';
import { dayStart, formatInZone, instantsAtWallClock, localDate, nextDay, offsetSegments, utcOffsetMs, wallClockToUtc } from './time-zone.js';

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

describe('instants of a wall-clock time', () => {
  const wall = (text: string): number => Date.parse(`${text}Z`);
  const isoAll = (instants: number[]): string[] => instants.map(iso);

  it('finds one instant on an ordinary hour, none in the hour skipped in spring, two in the hour repeated in autumn', () => {
    expect(isoAll(instantsAtWallClock('Europe/Berlin', wall('2019-03-31T01:00:00')))).toEqual(['2019-03-31T00:00:00.000Z']);
    expect(instantsAtWallClock('Europe/Berlin', wall('2019-03-31T02:00:00'))).toEqual([]);
    expect(isoAll(instantsAtWallClock('Europe/Berlin', wall('2019-03-31T03:00:00')))).toEqual(['2019-03-31T01:00:00.000Z']);
    expect(isoAll(instantsAtWallClock('Europe/Berlin', wall('2019-10-27T02:00:00')))).toEqual(['2019-10-27T00:00:00.000Z', '2019-10-27T01:00:00.000Z']);
    // Finland changes an hour later on its own clock (at 01:00 UTC as all of the EU).
    expect(instantsAtWallClock('Europe/Helsinki', wall('2019-03-31T03:00:00'))).toEqual([]);
    expect(isoAll(instantsAtWallClock('America/New_York', wall('2019-03-10T03:00:00')))).toEqual(['2019-03-10T07:00:00.000Z']);
    expect(instantsAtWallClock('America/New_York', wall('2019-03-10T02:00:00'))).toEqual([]);
    expect(isoAll(instantsAtWallClock('UTC', wall('2019-06-01T12:00:00')))).toEqual(['2019-06-01T12:00:00.000Z']);
  });

  it('formats an instant on the zone clock with its offset', () => {
    expect(formatInZone('Europe/Berlin', at('2018-09-30T22:00:00Z'))).toBe('2018-10-01 00:00 +02:00');
    expect(formatInZone('America/Chicago', at('2019-01-01T05:30:00Z'))).toBe('2018-12-31 23:30 -06:00');
  });
});
