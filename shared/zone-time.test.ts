import { describe, expect, it } from 'vitest';
import { formatInZone, instantsAtWallClock, utcOffsetAt, wallClockAt } from './zone-time.js';

const wall = (text: string): number => Date.parse(`${text}Z`);
const iso = (instants: number[]): string[] => instants.map((instant) => new Date(instant).toISOString());

describe('wall-clock time of a zone', () => {
  it('reads an instant on the zone clock, with its offset', () => {
    expect(new Date(wallClockAt(Date.parse('2019-07-01T10:00:00Z'), 'Europe/Berlin')).toISOString()).toBe('2019-07-01T12:00:00.000Z');
    expect(utcOffsetAt(Date.parse('2019-01-01T10:00:00Z'), 'Europe/Berlin')).toBe(3_600_000);
    expect(utcOffsetAt(Date.parse('2019-01-01T10:00:00Z'), 'America/Chicago')).toBe(-6 * 3_600_000);
    expect(formatInZone(Date.parse('2018-09-30T22:00:00Z'), 'Europe/Berlin')).toBe('2018-10-01 00:00 +02:00');
    expect(formatInZone(Date.parse('2019-01-01T05:30:00Z'), 'America/Chicago')).toBe('2018-12-31 23:30 -06:00');
  });

  it('finds one instant on an ordinary hour, none in the hour skipped in spring, two in the hour repeated in autumn', () => {
    expect(iso(instantsAtWallClock(wall('2019-03-31T01:00:00'), 'Europe/Berlin'))).toEqual(['2019-03-31T00:00:00.000Z']);
    expect(instantsAtWallClock(wall('2019-03-31T02:00:00'), 'Europe/Berlin')).toEqual([]);
    expect(iso(instantsAtWallClock(wall('2019-03-31T03:00:00'), 'Europe/Berlin'))).toEqual(['2019-03-31T01:00:00.000Z']);
    expect(iso(instantsAtWallClock(wall('2019-10-27T02:00:00'), 'Europe/Berlin'))).toEqual(['2019-10-27T00:00:00.000Z', '2019-10-27T01:00:00.000Z']);
    // Finland changes an hour later on its own clock (at 01:00 UTC as all of the EU).
    expect(instantsAtWallClock(wall('2019-03-31T03:00:00'), 'Europe/Helsinki')).toEqual([]);
    expect(iso(instantsAtWallClock(wall('2019-03-10T03:00:00'), 'America/New_York'))).toEqual(['2019-03-10T07:00:00.000Z']);
    expect(instantsAtWallClock(wall('2019-03-10T02:00:00'), 'America/New_York')).toEqual([]);
    expect(iso(instantsAtWallClock(wall('2019-06-01T12:00:00'), 'UTC'))).toEqual(['2019-06-01T12:00:00.000Z']);
  });
});
