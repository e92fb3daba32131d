import { describe, expect, it } from 'vitest';
import { bucketsInRange, CandleGrid, RESOLUTION_LADDER, resolutionForPoints } from './candle-grid.js';

const at = (iso: string): number => Date.parse(iso);
const iso = (ms: number): string => new Date(ms).toISOString();

describe('candle buckets', () => {
  it('cuts up to an hour in UTC and keeps the autumn hour shown twice as two candles', () => {
    const grid = new CandleGrid('Europe/Berlin', '1h', at('2026-10-24T22:00:00Z'), at('2026-10-25T04:00:00Z'));
    const keys = ['2026-10-25T00:10:00Z', '2026-10-25T01:10:00Z'].map((time) => grid.keyOf(at(time)));
    expect(keys[1]).toBe((keys[0] ?? 0) + 1);
    expect(keys.map((key) => iso(grid.startOf(key)))).toEqual(['2026-10-25T00:00:00.000Z', '2026-10-25T01:00:00.000Z']);
    const quarter = new CandleGrid('Europe/Berlin', '15m', at('2026-05-01T10:07:00Z'), at('2026-05-01T12:00:00Z'));
    expect(iso(quarter.startOf(quarter.keyOf(at('2026-05-01T10:29:59.999Z'))))).toBe('2026-05-01T10:15:00.000Z');
  });

  it('cuts days at the zone’s midnight, 23 and 25 hours long when the clock changes', () => {
    const grid = new CandleGrid('Europe/Berlin', '1d', at('2026-03-27T23:00:00Z'), at('2026-10-30T00:00:00Z'));
    const dayOf = (time: string): string => iso(grid.startOf(grid.keyOf(at(time))));
    expect(dayOf('2026-03-28T22:59:59.999Z')).toBe('2026-03-27T23:00:00.000Z');
    expect(dayOf('2026-03-28T23:00:00Z')).toBe('2026-03-28T23:00:00.000Z');
    expect(dayOf('2026-03-29T21:59:59.999Z')).toBe('2026-03-28T23:00:00.000Z');
    expect(dayOf('2026-03-29T22:00:00Z')).toBe('2026-03-29T22:00:00.000Z');
    // 25 October: from 22:00Z on the 24th to 23:00Z on the 25th.
    expect(dayOf('2026-10-25T22:59:59.999Z')).toBe('2026-10-24T22:00:00.000Z');
    expect(dayOf('2026-10-25T23:00:00Z')).toBe('2026-10-25T23:00:00.000Z');
  });

  it('starts weeks on the zone’s Monday and multi-hour candles at its midnight', () => {
    const week = new CandleGrid('America/New_York', '1w', at('2026-05-06T12:00:00Z'), at('2026-06-01T00:00:00Z'));
    expect(iso(week.startOf(week.keyOf(at('2026-05-06T12:00:00Z'))))).toBe('2026-05-04T04:00:00.000Z');
    const sixHours = new CandleGrid('Europe/Berlin', '6h', at('2026-07-01T00:00:00Z'), at('2026-07-02T00:00:00Z'));
    expect(iso(sixHours.startOf(sixHours.keyOf(at('2026-07-01T03:00:00Z'))))).toBe('2026-06-30T22:00:00.000Z');
    expect(iso(sixHours.startOf(sixHours.keyOf(at('2026-07-01T04:00:00Z'))))).toBe('2026-07-01T04:00:00.000Z');
  });

  it('picks the finest resolution that fits the number of points', () => {
    const year = [at('2025-06-01T00:00:00Z'), at('2026-06-01T00:00:00Z')] as const;
    expect(bucketsInRange(...year, '15m')).toBe(35_040);
    expect(resolutionForPoints(...year, 1000)).toBe('12h');
    expect(resolutionForPoints(...year, 400)).toBe('1d');
    expect(resolutionForPoints(...year, 5000)).toBe('2h');
    expect(resolutionForPoints(at('2026-06-01T00:00:00Z'), at('2026-06-01T01:00:00Z'), 1000)).toBe('1m');
    expect(resolutionForPoints(at('1900-01-01T00:00:00Z'), at('2100-01-01T00:00:00Z'), 1000)).toBeNull();
    expect(RESOLUTION_LADDER[0]).toBe('1m');
    expect(RESOLUTION_LADDER.at(-1)).toBe('1w');
  });
});
