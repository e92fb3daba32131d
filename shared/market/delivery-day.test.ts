import { describe, expect, it } from 'vitest';
import type { MarketTimeUnit } from '../api/zones.js';
import { deliveryDay, periodAt, periodStart } from './delivery-day.js';

const QUARTER_HOURS: MarketTimeUnit = { minutes: 15, since: '2025-10-01', minutesBefore: 60 };
const HOURS: MarketTimeUnit = { minutes: 60, since: null, minutesBefore: null };
const berlin = { timezone: 'Europe/Berlin', mtu: QUARTER_HOURS };
const newYork = { timezone: 'America/New_York', mtu: HOURS };

describe('delivery days and their periods', () => {
  it('have 96 quarter hours, 92 when European clocks go forward and 100 when they go back', () => {
    expect(deliveryDay(berlin, '2026-11-26').periodCount).toBe(96);
    expect(deliveryDay(berlin, '2026-03-29').periodCount).toBe(92);
    expect(deliveryDay(berlin, '2026-10-25').periodCount).toBe(100);
  });

  it('had hourly periods before the switch to 15 minutes: 24, or 23 and 25', () => {
    expect(deliveryDay(berlin, '2025-09-30')).toMatchObject({ periodMinutes: 60, periodCount: 24 });
    expect(deliveryDay(berlin, '2025-03-30').periodCount).toBe(23);
    expect(deliveryDay(berlin, '2024-10-27').periodCount).toBe(25);
  });

  it('follow the US clock changes on their own dates', () => {
    expect(deliveryDay(newYork, '2026-03-08').periodCount).toBe(23);
    expect(deliveryDay(newYork, '2026-11-01').periodCount).toBe(25);
    // The European change day is an ordinary day in New York, and the other way round.
    expect(deliveryDay(newYork, '2026-03-29').periodCount).toBe(24);
    expect(deliveryDay(berlin, '2026-03-08').periodCount).toBe(96);
  });

  it('number their periods from local midnight, across the clock change', () => {
    const autumn = deliveryDay(berlin, '2026-10-25');
    expect(new Date(autumn.start).toISOString()).toBe('2026-10-24T22:00:00.000Z');
    // Periods 9-12 are the first 02:00-03:00 (summer time), 13-16 the second (winter time).
    expect(new Date(periodStart(autumn, 9)).toISOString()).toBe('2026-10-25T00:00:00.000Z');
    expect(new Date(periodStart(autumn, 13)).toISOString()).toBe('2026-10-25T01:00:00.000Z');
    expect(periodAt(autumn, Date.parse('2026-10-25T01:07:00Z'))).toBe(13);
    expect(periodStart(autumn, autumn.periodCount + 1)).toBe(autumn.end);
  });
});
