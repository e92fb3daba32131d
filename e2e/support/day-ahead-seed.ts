import { join } from 'node:path';
import { localDate, shiftDay, wallClockToUtc } from '../../shared/market/time-zone.js';
import { priceToMinor } from '../../shared/units.js';
import { prepareStore } from '../../main/engine/db/open-stores.js';
import { SqliteStore } from '../../main/engine/db/sqlite/sqlite-store.js';
import { loadZoneCatalogue } from '../../main/engine/db/zone-catalogue.js';
import { simulateDayAhead } from '../../main/engine/market/day-ahead-results.js';
import { storeDayAheadHistory } from '../../main/testing/day-ahead-history.js';

const HOUR_MS = 3_600_000;

/** A price written over one hour of the history, as a bad publication or a real scarcity event would. */
export interface InjectedSpike {
  zoneId: string;
  /** The delivery day and the hour on the zone's clock it starts at (0-23). */
  day: string;
  hour: number;
  price: number;
}

/**
 * Day-ahead history for the Analytics page, written into the data directory before the engine
 * starts: `days` delivery days up to today of each zone as the simulator clears them, with their
 * fundamentals (storeDayAheadHistory), then every period of each spike's hour overwritten with
 * its price. Returns the spikes' hour starts (UTC instants) in their order.
 */
export async function seedDayAheadHistory(dataDir: string, zoneIds: readonly string[], days: number, spikes: readonly InjectedSpike[], now = Date.now()): Promise<Date[]> {
  const catalogue = loadZoneCatalogue();
  const zoneOf = (id: string) => {
    const zone = catalogue.zones.find((candidate) => candidate.id === id);
    if (!zone) throw new Error(`no zone ${id} in the catalogue`);
    return zone;
  };
  const store = new SqliteStore(join(dataDir, 'optibid.sqlite'));
  try {
    await prepareStore(store, catalogue);
    for (const [index, id] of zoneIds.entries()) {
      const zone = zoneOf(id);
      const today = localDate(zone.timezone, now);
      await storeDayAheadHistory(store, zone, shiftDay(today, 1 - days), today, index + 1);
    }
    const starts: Date[] = [];
    for (const spike of spikes) {
      const zone = zoneOf(spike.zoneId);
      const start = wallClockToUtc(zone.timezone, Date.parse(`${spike.day}T00:00:00Z`) + spike.hour * HOUR_MS);
      const { resolutionMinutes } = simulateDayAhead(zone, spike.day, 1);
      const periods = HOUR_MS / (resolutionMinutes * 60_000);
      await store.marketData.insertMany(
        Array.from({ length: periods }, (_, k) => {
          const at = new Date(start + k * resolutionMinutes * 60_000);
          return { zoneId: zone.id, market: 'day_ahead' as const, resolutionMinutes, intervalStart: at, priceMinor: priceToMinor(spike.price), source: 'import', receivedAt: at };
        }),
      );
      starts.push(new Date(start));
    }
    return starts;
  } finally {
    await store.close();
  }
}
