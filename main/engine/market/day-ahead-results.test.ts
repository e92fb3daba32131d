import { describe, expect, it } from 'vitest';
import type { MarketZone } from '../../../shared/api/zones.js';
import { loadZoneCatalogue } from '../db/zone-catalogue.js';
import { steppingClock } from '../../testing/clock.js';
import { dueDeliveryDays, resultsPublishedAt, simulateDayAhead, type DayAheadResult } from './day-ahead-results.js';
import { SimulatorFeed } from './simulator-feed.js';

const zones = loadZoneCatalogue().zones;
const zone = (id: string): MarketZone => {
  const found = zones.find((candidate) => candidate.id === id);
  if (!found) throw new Error(`no zone ${id}`);
  return found;
};

describe('simulated day-ahead results', () => {
  it('come out at the exchange’s time after the gate closure, in the gate’s timezone', () => {
    // SDAC: gate 12:00 Brussels on D-1 (CET in November: 11:00Z), final results about 12:55.
    expect(resultsPublishedAt(zone('DE_LU'), '2026-11-27').toISOString()).toBe('2026-11-26T11:55:00.000Z');
    // Summer time moves it an hour earlier in UTC.
    expect(resultsPublishedAt(zone('FR'), '2026-07-02').toISOString()).toBe('2026-07-01T10:55:00.000Z');
    // PJM: offers until 10:30 New York time on D-1, results by 13:30.
    expect(resultsPublishedAt(zone('PJM'), '2026-11-27').toISOString()).toBe('2026-11-26T18:30:00.000Z');
  });

  it('cover every market time unit of the local delivery day, clock changes included', () => {
    const periods = (id: string, day: string): number => simulateDayAhead(zone(id), day, 1).periods.length;
    expect(periods('DE_LU', '2026-11-26')).toBe(96);
    expect(periods('DE_LU', '2026-03-29')).toBe(92);
    expect(periods('DE_LU', '2026-10-25')).toBe(100);
    // Before the switch to 15-minute units the day had hourly periods.
    expect(periods('DE_LU', '2025-09-30')).toBe(24);
    expect(periods('PJM', '2026-03-08')).toBe(23);
    expect(periods('PJM', '2026-11-01')).toBe(25);
    const day = simulateDayAhead(zone('FI'), '2026-11-26', 1);
    // The first period starts at local midnight (Helsinki is UTC+2 in winter).
    expect(day.periods[0]?.start.toISOString()).toBe('2026-11-25T22:00:00.000Z');
    expect(day.resolutionMinutes).toBe(15);
  });

  it('are the same for the same zone, day and seed (every terminal publishes the same), within the limits, to the cent', () => {
    const once = simulateDayAhead(zone('NL'), '2026-11-26', 7);
    expect(simulateDayAhead(zone('NL'), '2026-11-26', 7)).toEqual(once);
    expect(simulateDayAhead(zone('NL'), '2026-11-27', 7).periods.map((p) => p.price)).not.toEqual(once.periods.map((p) => p.price));
    const { floor, cap } = zone('NL').priceLimits;
    for (const { price } of once.periods) {
      expect(price).toBeGreaterThanOrEqual(floor);
      expect(price).toBeLessThanOrEqual(cap);
      expect(Math.round(price * 100)).toBeCloseTo(price * 100, 6);
    }
  });

  it('are due for today at once, and for tomorrow from its publication time on, each day once', () => {
    const be = zone('BE');
    expect(dueDeliveryDays(be, new Date('2026-11-26T11:54:00Z'), new Set())).toEqual(['2026-11-26']);
    expect(dueDeliveryDays(be, new Date('2026-11-26T11:55:00Z'), new Set())).toEqual(['2026-11-26', '2026-11-27']);
    expect(dueDeliveryDays(be, new Date('2026-11-26T12:30:00Z'), new Set(['2026-11-26']))).toEqual(['2026-11-27']);
  });

  it('are published by the simulator feed: today’s at its first beat, tomorrow’s when its time comes', async () => {
    const clock = steppingClock('2026-11-26T11:50:00Z');
    const feed = new SimulatorFeed([zone('DE_LU'), zone('PJM')], { seed: 3, dayAheadSeed: 0, intervalMs: 5, clock });
    const results: DayAheadResult[] = [];
    feed.start(() => undefined, (result) => results.push(result));
    try {
      // Nothing during start-up itself; the first beat needs the clock to have moved.
      expect(results).toEqual([]);
      clock.advance(1000);
      await new Promise((resolve) => setTimeout(resolve, 50));
      expect(results.map((r) => `${r.zoneId} ${r.deliveryDay}`)).toEqual(['DE_LU 2026-11-26', 'PJM 2026-11-26']);
      clock.advance(10 * 60_000);
      await new Promise((resolve) => setTimeout(resolve, 50));
      expect(results.map((r) => `${r.zoneId} ${r.deliveryDay}`)).toEqual(['DE_LU 2026-11-26', 'PJM 2026-11-26', 'DE_LU 2026-11-27']);
      expect(results[2]).toEqual(simulateDayAhead(zone('DE_LU'), '2026-11-27', 0));
    } finally {
      feed.stop();
    }
  });
});
