import { describe, expect, it } from 'vitest';
import { tradingDay } from './trading-day.js';

const HOUR = 3_600_000;
const span = (day: ReturnType<typeof tradingDay>): number => (day.end.getTime() - day.start.getTime()) / HOUR;

describe('the trading day', () => {
  it('runs from midnight to midnight on the organisation’s clock', () => {
    // 23:30 UTC on 29 November: already the 30th in Berlin, still the 29th in UTC and in Los Angeles.
    const now = new Date('2026-11-29T23:30:00Z');
    expect(tradingDay(now, 'Europe/Berlin')).toEqual({ day: '2026-11-30', timeZone: 'Europe/Berlin', start: new Date('2026-11-29T23:00:00Z'), end: new Date('2026-11-30T23:00:00Z') });
    expect(tradingDay(now, 'UTC')).toEqual({ day: '2026-11-29', timeZone: 'UTC', start: new Date('2026-11-29T00:00:00Z'), end: new Date('2026-11-30T00:00:00Z') });
    expect(tradingDay(now, 'America/Los_Angeles')).toMatchObject({ day: '2026-11-29', start: new Date('2026-11-29T08:00:00Z'), end: new Date('2026-11-30T08:00:00Z') });
  });

  it('is 23 or 25 hours long on the days the clocks change', () => {
    const springForward = tradingDay(new Date('2026-03-08T12:00:00Z'), 'America/New_York');
    expect([springForward.day, springForward.start.toISOString(), span(springForward)]).toEqual(['2026-03-08', '2026-03-08T05:00:00.000Z', 23]);
    const fallBack = tradingDay(new Date('2026-10-25T12:00:00Z'), 'Europe/Berlin');
    expect([fallBack.day, fallBack.start.toISOString(), span(fallBack)]).toEqual(['2026-10-25', '2026-10-24T22:00:00.000Z', 25]);
  });

  it('counts a stored name the platform no longer knows as UTC', () => {
    expect(tradingDay(new Date('2026-11-29T23:30:00Z'), 'Atlantis/Capital')).toMatchObject({ day: '2026-11-29', timeZone: 'UTC' });
  });
});
