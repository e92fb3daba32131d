import type { MarketZone } from '../../shared/api/zones.js';
import { nextDay } from '../../shared/market/time-zone.js';
import { priceToMinor } from '../../shared/units.js';
import type { IntervalPrice } from '../engine/db/repositories/market-data-repository.js';
import type { Store } from '../engine/db/store.js';
import { simulateDayAhead } from '../engine/market/day-ahead-results.js';

/**
 * Day-ahead results of delivery days first..last (both included) as the simulator clears them,
 * at the zone's MTU of each day, stored with fundamentals published beside them: a load forecast
 * that follows the price, onshore wind, and solar by day. Deterministic for a seed.
 */
export async function storeDayAheadHistory(store: Store, zone: MarketZone, first: string, last: string, seed = 1): Promise<number> {
  const rows: IntervalPrice[] = [];
  for (let day = first; day <= last; day = nextDay(day)) {
    const result = simulateDayAhead(zone, day, seed);
    for (const { start, price } of result.periods) {
      const hour = start.getUTCHours();
      rows.push({
        zoneId: zone.id,
        market: 'day_ahead',
        resolutionMinutes: result.resolutionMinutes,
        intervalStart: start,
        priceMinor: priceToMinor(price),
        source: 'import',
        receivedAt: start,
        fundamentals: {
          loadForecastKw: 40_000_000 + Math.round(price * 10_000),
          loadActualKw: null,
          generationKw: null,
          solarForecastKw: hour >= 6 && hour <= 18 ? 5_000_000 : 0,
          windOnshoreForecastKw: 12_000_000,
          windOffshoreForecastKw: 3_000_000,
        },
      });
    }
  }
  return store.marketData.insertIntervals(rows);
}
