import { join } from 'node:path';
import { mtuMinutesOn } from '../../shared/market/market-time-unit.js';
import { dayStart, localDate, nextDay } from '../../shared/market/time-zone.js';
import { prepareStore } from '../../main/engine/db/open-stores.js';
import type { StoredPrice } from '../../main/engine/db/repositories/market-data-repository.js';
import { SqliteStore } from '../../main/engine/db/sqlite/sqlite-store.js';
import { loadZoneCatalogue } from '../../main/engine/db/zone-catalogue.js';
import { PriceSimulator } from '../../main/engine/market/price-simulator.js';
import { priceToMinor } from '../../shared/units.js';

const MINUTE_MS = 60_000;

/**
 * History for the charts to show, written into the data directory before the engine starts:
 * the simulator's minute ticks of every zone over the last `days` days, and its expected price
 * as the day-ahead result of today and tomorrow, period by period at each zone's MTU.
 */
export async function seedPriceHistory(dataDir: string, days: number, now = Date.now()): Promise<void> {
  const catalogue = loadZoneCatalogue();
  const store = new SqliteStore(join(dataDir, 'optibid.sqlite'));
  try {
    await prepareStore(store, catalogue);
    const start = Math.floor((now - days * 86_400_000) / MINUTE_MS) * MINUTE_MS;
    const simulator = new PriceSimulator(catalogue.zones, { seed: 7, start: new Date(start - MINUTE_MS) });
    const prices: StoredPrice[] = [];
    const row = (zoneId: string, market: StoredPrice['market'], resolutionMinutes: number, at: number, price: number): StoredPrice => ({
      zoneId,
      market,
      resolutionMinutes,
      intervalStart: new Date(at),
      priceMinor: priceToMinor(price),
      source: 'simulator',
      receivedAt: new Date(at),
    });
    for (let at = start; at < now; at += MINUTE_MS) {
      for (const tick of simulator.advanceTo(new Date(at))) prices.push(row(tick.zoneId, 'tick', 0, at, tick.price));
    }
    for (const zone of catalogue.zones) {
      const today = localDate(zone.timezone, now);
      for (const day of [today, nextDay(today)]) {
        const minutes = mtuMinutesOn(zone.mtu, day);
        const end = dayStart(zone.timezone, nextDay(day));
        for (let at = dayStart(zone.timezone, day); at < end; at += minutes * MINUTE_MS) {
          prices.push(row(zone.id, 'day_ahead', minutes, at, Math.round(simulator.expected(zone.id, new Date(at)) * 100) / 100));
        }
      }
    }
    await store.marketData.insertMany(prices);
  } finally {
    await store.close();
  }
}
