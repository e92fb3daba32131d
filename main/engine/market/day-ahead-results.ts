import type { MarketZone } from '../../../shared/api/zones.js';
import { deliveryDay, periodStart } from '../../../shared/market/delivery-day.js';
import { gateClosureFor } from '../../../shared/market/gate-closure.js';
import { localDate, nextDay } from '../../../shared/market/time-zone.js';
import { PriceSimulator } from './price-simulator.js';

/**
 * When the exchange publishes a delivery day's results, after its gate closure (MARKET_RULES.md:
 * SDAC final results about 12:55 after the 12:00 gate; PJM results by 13:30 after 10:30, and
 * CAISO and ERCOT likewise in the early afternoon). The simulator's behaviour, not a bid rule.
 */
const RESULTS_AFTER_GATE_MINUTES: Record<MarketZone['region'], number> = { EU: 55, US: 180 };
const MINUTE_MS = 60_000;

/** One delivery day's cleared prices of a zone: every market time unit of the local day. */
export interface DayAheadResult {
  zoneId: string;
  /** The delivery day, YYYY-MM-DD in the zone's timezone. */
  deliveryDay: string;
  resolutionMinutes: number;
  periods: { start: Date; price: number }[];
}

/** When a delivery day's results come out: the day-ahead gate closure, plus the exchange's clearing time. */
export const resultsPublishedAt = (zone: MarketZone, deliveryDay: string): Date =>
  new Date(gateClosureFor(zone.gateClosure, deliveryDay) + RESULTS_AFTER_GATE_MINUTES[zone.region] * MINUTE_MS);

/** A 32-bit mix of the seed, the zone and the day, so every day of every zone has its own stream. */
function daySeed(seed: number, zoneId: string, deliveryDay: string): number {
  let hash = seed >>> 0;
  for (const char of `${zoneId}/${deliveryDay}`) hash = Math.imul(hash ^ char.charCodeAt(0), 0x01000193) >>> 0;
  return hash;
}

/**
 * A delivery day's clearing prices as the simulator's price process gives them at each period
 * start of the local day (23, 24 or 25 hours on clock-change days, so 92-100 quarter hours).
 * Seeded by zone and day alone: every terminal of a floor, and every restart, publishes the same
 * result for the same day.
 */
export function simulateDayAhead(zone: MarketZone, day: string, seed: number): DayAheadResult {
  const delivery = deliveryDay(zone, day);
  // The process starts a few hours before the day so the morning does not begin at the mean.
  const simulator = new PriceSimulator([zone], { seed: daySeed(seed, zone.id, day), start: new Date(delivery.start - 6 * 60 * MINUTE_MS) });
  const periods: DayAheadResult['periods'] = [];
  for (let period = 1; period <= delivery.periodCount; period += 1) {
    const [tick] = simulator.advanceTo(new Date(periodStart(delivery, period)));
    if (tick) periods.push({ start: tick.at, price: tick.price });
  }
  return { zoneId: zone.id, deliveryDay: day, resolutionMinutes: delivery.periodMinutes, periods };
}

/**
 * The delivery days whose results are out at `now` and were not published yet: today's (out
 * since yesterday) and tomorrow's once its time has come.
 */
export function dueDeliveryDays(zone: MarketZone, now: Date, published: ReadonlySet<string>): string[] {
  const today = localDate(zone.timezone, now.getTime());
  return [today, nextDay(today)].filter((day) => !published.has(day) && resultsPublishedAt(zone, day).getTime() <= now.getTime());
}
