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

  it('is shorter or longer than 24 hours on the days the clocks change, also where they change at midnight', () => {
    const springForward = tradingDay(new Date('2026-03-08T12:00:00Z'), 'America/New_York');
    expect([springForward.day, springForward.start.toISOString(), span(springForward)]).toEqual(['2026-03-08', '2026-03-08T05:00:00.000Z', 23]);
    const fallBack = tradingDay(new Date('2026-10-25T12:00:00Z'), 'Europe/Berlin');
    expect([fallBack.day, fallBack.start.toISOString(), span(fallBack)]).toEqual(['2026-10-25', '2026-10-24T22:00:00.000Z', 25]);
    // Santiago's and Beirut's clocks skip their midnight: the day starts at 01:00.
    const santiago = tradingDay(new Date('2026-09-06T12:00:00Z'), 'America/Santiago');
    expect([santiago.start.toISOString(), santiago.end.toISOString(), span(santiago)]).toEqual(['2026-09-06T04:00:00.000Z', '2026-09-07T03:00:00.000Z', 23]);
    const beirut = tradingDay(new Date('2026-03-29T12:00:00Z'), 'Asia/Beirut');
    expect([beirut.start.toISOString(), span(beirut)]).toEqual(['2026-03-28T22:00:00.000Z', 23]);
    // Lord Howe moves its clocks by half an hour.
    expect(span(tradingDay(new Date('2026-10-04T06:00:00Z'), 'Australia/Lord_Howe'))).toBe(23.5);
  });
});
